package io.github.coupamcp.mcp;

/**
 * What the HTTP server serves for one tenant: its tools (on its own Coupa connection) and what to release once the
 * tenant is gone from the server (its last session ended after a reload removed or changed it, or the server
 * stopped).
 */
public record Tenant(String name, McpServerFactory factory, Runnable release) {
    /** The one tenant of a server without a tenants file: nothing to release, the caller owns the backend. */
    public static Tenant single(McpServerFactory factory) {
        return new Tenant(TenantEndpoint.DEFAULT, factory, () -> { });
    }
}
