package io.github.coupamcp.mcp;

import io.github.coupamcp.config.AuthConfig;
import io.github.coupamcp.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * OAuth 2.0 Protected Resource Metadata (RFC 9728): tells MCP clients which authorization server issues tokens for
 * this server. Public by design: a client reads it before it has a token.
 */
final class ProtectedResourceMetadataServlet extends HttpServlet {
    static final String PATH = "/.well-known/oauth-protected-resource";

    private final byte[] body;

    ProtectedResourceMetadataServlet(AuthConfig auth) {
        ObjectNode metadata = Json.object().put("resource", auth.audience());
        metadata.putArray("authorization_servers").add(auth.issuer());
        metadata.putArray("bearer_methods_supported").add("header");
        if (!auth.requiredScopes().isEmpty()) {
            auth.requiredScopes().forEach(metadata.putArray("scopes_supported")::add);
        }
        metadata.put("resource_name", "coupa-mcp");
        this.body = Json.MAPPER.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "max-age=300");
        response.getOutputStream().write(body);
    }
}
