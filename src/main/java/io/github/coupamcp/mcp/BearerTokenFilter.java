package io.github.coupamcp.mcp;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Predicate;

/**
 * Requires {@code Authorization: Bearer <token>} on every MCP request. Both sides are hashed before the
 * constant-time comparison so that neither the content nor the length of the token leaks through timing.
 */
final class BearerTokenFilter extends HttpFilter {
    static final String CHALLENGE = "Bearer realm=\"coupa-mcp\"";
    private static final String PREFIX = "Bearer ";
    private static final String BODY = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":"
            + "\"Unauthorized: send the server's token as 'Authorization: Bearer <token>'\"}}";

    private final Predicate<String> accepted;

    BearerTokenFilter(String token) {
        byte[] expectedDigest = sha256(token);
        this.accepted = presented -> MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    /** Accepts the tokens {@code accepted} accepts (the tenants' static tokens); it compares in constant time. */
    BearerTokenFilter(Predicate<String> accepted) {
        this.accepted = accepted;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (authorised(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", CHALLENGE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(BODY.getBytes(StandardCharsets.UTF_8));
    }

    boolean authorised(String header) {
        if (header == null || header.length() < PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        return accepted.test(header.substring(PREFIX.length()).trim());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
