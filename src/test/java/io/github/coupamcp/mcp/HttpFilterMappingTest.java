package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A filter registered for several paths runs once per request, also where the paths overlap ({@code /mcp} is under
 * {@code /mcp/*} too): the authorization filter is registered so, and each run of it verifies the token again.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpFilterMappingTest {
    /** Counts its runs by request path. */
    private static final class CountingFilter extends HttpFilter {
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            runs.computeIfAbsent(request.getRequestURI(), path -> new AtomicInteger()).incrementAndGet();
            chain.doFilter(request, response);
        }
    }

    @Test
    void aFilterOnOverlappingPathsRunsOncePerRequest() throws Exception {
        CountingFilter filter = new CountingFilter();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        HttpServer.addFilter(context, filter, HttpServer.MCP_PATH, HttpServer.MCP_PATH + "/*", HttpServer.SSE_PATH);
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                response.setStatus(204);
            }
        }), "/*");
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(context);
        jetty.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String path : new String[] {"/mcp", "/mcp/message", "/sse", "/healthz"}) {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(answer.statusCode()).as(path).isEqualTo(204);
            }
            assertThat(filter.runs).containsOnlyKeys("/mcp", "/mcp/message", "/sse");
            assertThat(filter.runs.values()).allSatisfy(runs -> assertThat(runs).hasValue(1));
        } finally {
            jetty.stop();
        }
    }
}
