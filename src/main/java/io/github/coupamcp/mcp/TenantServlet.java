package io.github.coupamcp.mcp;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The MCP paths' one servlet: hands each request to the SDK servlet of the endpoint {@link TenantRouting} chose. */
final class TenantServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        TenantEndpoint.of(request).servletFor(request).service(request, response);
    }
}
