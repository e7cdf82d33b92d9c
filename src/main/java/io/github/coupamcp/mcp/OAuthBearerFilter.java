package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.oauth.AccessTokenVerifier;
import io.github.coupamcp.oauth.TokenRejectedException;
import io.github.coupamcp.oauth.VerifiedToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * MCP authorization: every MCP request carries an OAuth access token, checked by {@link AccessTokenVerifier}.
 * Refusals follow RFC 6750 and RFC 9728: 401 with a {@code WWW-Authenticate} challenge pointing at this server's
 * Protected Resource Metadata (where clients discover the authorization server), 403 {@code insufficient_scope}.
 * A static server token, when one is configured too, is accepted as well (scripts, health tooling).
 */
final class OAuthBearerFilter extends HttpFilter {
    /** The {@link VerifiedToken} of the request, for logs further down. */
    static final String TOKEN_ATTRIBUTE = "coupamcp.verifiedToken";
    private static final String PREFIX = "Bearer ";
    /** An issuer outage is short-lived or an operator problem: clients should come back, not re-authenticate. */
    private static final String RETRY_AFTER_SECONDS = "10";

    private final AccessTokenVerifier verifier;
    private final String resourceMetadataUrl;
    private final BearerTokenFilter staticToken;

    /** {@code staticToken} may be null. */
    OAuthBearerFilter(AccessTokenVerifier verifier, String resourceMetadataUrl, BearerTokenFilter staticToken) {
        this.verifier = verifier;
        this.resourceMetadataUrl = resourceMetadataUrl;
        this.staticToken = staticToken;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        if (staticToken != null && staticToken.authorised(header)) {
            chain.doFilter(request, response);
            return;
        }
        String token = bearer(header);
        if (token == null) {
            // RFC 6750 3.1: no error code when the request had no credentials at all
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, challenge(null, null),
                    "Unauthorized: send an OAuth access token as 'Authorization: Bearer <token>' (the authorization "
                            + "server is named at " + resourceMetadataUrl + ")");
            return;
        }
        try {
            request.setAttribute(TOKEN_ATTRIBUTE, verifier.verify(token));
        } catch (TokenRejectedException e) {
            switch (e.reason()) {
                case INSUFFICIENT_SCOPE -> refuse(response, HttpServletResponse.SC_FORBIDDEN,
                        challenge("insufficient_scope", e.getMessage()), "Forbidden: " + e.getMessage());
                case ISSUER_UNAVAILABLE -> {
                    response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                    refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, null, e.getMessage());
                }
                case INVALID_TOKEN -> refuse(response, HttpServletResponse.SC_UNAUTHORIZED,
                        challenge("invalid_token", e.getMessage()), "Unauthorized: " + e.getMessage());
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static String bearer(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private String challenge(String error, String description) {
        StringBuilder challenge = new StringBuilder("Bearer resource_metadata=\"").append(resourceMetadataUrl).append('"');
        if (error != null) {
            challenge.append(", error=\"").append(error).append('"')
                    .append(", error_description=\"").append(quotable(description)).append('"');
        }
        if (error != null && error.equals("insufficient_scope")) {
            challenge.append(", scope=\"").append(String.join(" ", verifier.requiredScopes())).append('"');
        }
        return challenge.toString();
    }

    /** RFC 6750 3: error_description is printable ASCII without quote or backslash. */
    private static String quotable(String text) {
        return text.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "'");
    }

    private static void refuse(HttpServletResponse response, int status, String challenge, String message)
            throws IOException {
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        ObjectNode body = Json.object().put("jsonrpc", "2.0").putNull("id");
        body.putObject("error").put("code", -32001).put("message", message);
        response.getOutputStream().write(Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }
}
