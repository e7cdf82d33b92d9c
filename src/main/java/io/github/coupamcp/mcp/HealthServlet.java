package io.github.coupamcp.mcp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Liveness for load balancers and Docker's HEALTHCHECK; open even when a token is required. */
final class HealthServlet extends HttpServlet {
    static final String BODY = "{\"status\":\"ok\"}";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(BODY.getBytes(StandardCharsets.UTF_8));
    }
}
