package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Requires {@code Authorization: Bearer <token>} on every MCP request. Both sides are hashed before the
 * constant-time comparison so that neither the content nor the length of the token leaks through timing.
 */
final class BearerTokenFilter extends HttpFilter {
    static final String CHALLENGE = "Bearer realm=\"coupa-mcp\"";
    private static final String PREFIX = "Bearer ";
    private static final String ASK = "Unauthorized: send the server's token as 'Authorization: Bearer <token>'";

    private final Predicate<String> accepted;
    private final byte[] body;

    BearerTokenFilter(String token) {
        byte[] expectedDigest = sha256(token);
        this.accepted = presented -> MessageDigest.isEqual(expectedDigest, sha256(presented));
        this.body = body(ASK);
    }

    /**
     * Accepts the tokens {@code accepted} accepts (the tenants' static tokens; it compares in constant time), refusing
     * others with {@code ask}.
     */
    BearerTokenFilter(Predicate<String> accepted, String ask) {
        this.accepted = accepted;
        this.body = body(ask);
    }

    private static byte[] body(String message) {
        ObjectNode answer = Json.object().put("jsonrpc", "2.0").putNull("id");
        answer.putObject("error").put("code", -32001).put("message", message);
        return Json.MAPPER.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
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
        response.getOutputStream().write(body);
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
