package io.github.coupamcp.mcp;

/**
 * What the HTTP server serves for one tenant: its tools (on its own Coupa connection), how many sessions it may hold
 * at once (so that one tenant cannot take every session of the server), and what to release once the
 * tenant is gone from the server (its last session ended after a reload removed or changed it, or the server
 * stopped).
 */
public record Tenant(String name, McpServerFactory factory, int maxSessions, Runnable release) {
    /** No limit of its own: only the server's ({@code COUPA_MCP_MAX_SESSIONS}) applies. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    /** The one tenant of a server without a tenants file: nothing to release, the caller owns the backend. */
    public static Tenant single(McpServerFactory factory) {
        return new Tenant(TenantEndpoint.DEFAULT, factory, NO_LIMIT, () -> { });
    }
}
