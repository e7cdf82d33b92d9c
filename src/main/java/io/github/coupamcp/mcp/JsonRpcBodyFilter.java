package io.github.coupamcp.mcp;

import io.modelcontextprotocol.spec.ProtocolVersions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Reads each POSTed JSON-RPC message itself, bounded in size, and lets only what {@link JsonRpcGuard} accepts
 * reach the SDK's servlets (with the normalised body). Oversize bodies get 413 (with a -32600 body); refused
 * requests get their JSON-RPC error at once: on Streamable HTTP as a 200 {@code application/json} answer when the request id is known (the
 * client then matches it to its request), else 400; on the legacy SSE message endpoint as a 400 whose body is the
 * answer, since the session's stream belongs to the SDK. Accepted messages of a known session go through
 * {@link CancellableCalls} (tool calls tagged, cancellations acted upon and acknowledged here); without sessions
 * (stateless HTTP) cancellations are only acknowledged.
 */
final class JsonRpcBodyFilter extends HttpFilter {
    /** The method of the accepted message, for the filters after this one. */
    static final String METHOD_ATTRIBUTE = JsonRpcBodyFilter.class.getName() + ".method";
    /** The id of the accepted message (a JsonNode), so that a later refusal still answers the right request. */
    static final String ID_ATTRIBUTE = JsonRpcBodyFilter.class.getName() + ".id";
    /** Streamable HTTP clients name the negotiated protocol version on every request after initialize. */
    static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";
    static final List<String> PROTOCOL_VERSIONS = List.of(ProtocolVersions.MCP_2024_11_05,
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    /** Streamable HTTP names the session in this header, the legacy SSE message endpoint in a query parameter. */
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String SSE_SESSION_PARAMETER = "sessionId";

    /** The guard and cancellations are those of the request's tenant (see {@link TenantRouting}). */
    JsonRpcBodyFilter() {}

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String version = request.getHeader(PROTOCOL_VERSION_HEADER);
        if (version != null && !PROTOCOL_VERSIONS.contains(version)
                && request.getRequestURI().equals(HttpServer.MCP_PATH)) {
            // the specification asks for 400: the client would otherwise talk a protocol the server does not speak
            answer(response, HttpServletResponse.SC_BAD_REQUEST, new JsonRpcGuard.Rejected(JsonRpcGuard.INVALID_REQUEST,
                    "Invalid request: unsupported " + PROTOCOL_VERSION_HEADER + " " + JsonRpcGuard.echo(version)
                            + "; this server speaks " + String.join(", ", PROTOCOL_VERSIONS), NullNode.getInstance(),
                    true).answer());
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readBounded(request);
        if (body == null) {
            // the rest of the body is not read: the connection cannot carry another request
            response.setHeader("Connection", "close");
            answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, new JsonRpcGuard.Rejected(
                    JsonRpcGuard.INVALID_REQUEST, "Invalid request: a message may be at most "
                            + JsonRpcGuard.MAX_MESSAGE_BYTES + " bytes", NullNode.getInstance(), true).answer());
            return;
        }
        TenantEndpoint endpoint = TenantEndpoint.of(request);
        JsonRpcGuard.Verdict verdict = endpoint.guard().check(body);
        if (verdict instanceof JsonRpcGuard.Accepted accepted) {
            String json = pass(request, accepted, endpoint.cancellableCalls());
            if (json == null) {
                // a notification handled here: acknowledged as the SDK acknowledges notifications
                response.setStatus(request.getRequestURI().equals(HttpServer.MCP_PATH)
                        ? HttpServletResponse.SC_ACCEPTED : HttpServletResponse.SC_OK);
                return;
            }
            request.setAttribute(METHOD_ATTRIBUTE, accepted.method());
            request.setAttribute(ID_ATTRIBUTE, accepted.id());
            chain.doFilter(new BodyRequest(request, json.getBytes(StandardCharsets.UTF_8)), response);
            return;
        }
        JsonRpcGuard.Rejected rejected = (JsonRpcGuard.Rejected) verdict;
        boolean streamable = request.getRequestURI().equals(HttpServer.MCP_PATH);
        answer(response, streamable && rejected.hasId() ? HttpServletResponse.SC_OK
                : HttpServletResponse.SC_BAD_REQUEST, rejected.answer());
    }

    /**
     * What reaches the SDK of an accepted message; null for a notification handled here. Without sessions
     * (stateless HTTP, {@code cancellable} null) a cancellation has no session to be matched in, so it is only
     * acknowledged: the call runs to its end.
     */
    private static String pass(HttpServletRequest request, JsonRpcGuard.Accepted accepted,
            CancellableCalls cancellable) {
        if (cancellable == null) {
            return CancellableCalls.CANCELLED.equals(accepted.method()) && !accepted.request() ? null : accepted.json();
        }
        String session = session(request);
        return session == null ? accepted.json() : cancellable.inspect(session, accepted);
    }

    /**
     * The session a message belongs to, named by transport, or null without one (the SDK then refuses the message).
     * A client can name only sessions it holds the id of, so it can cancel only its own calls.
     */
    private static String session(HttpServletRequest request) {
        if (request.getRequestURI().equals(HttpServer.MCP_PATH)) {
            String id = request.getHeader(SESSION_HEADER);
            return id == null || id.isBlank() ? null : "streamable:" + id;
        }
        String query = request.getQueryString();
        String id = query == null ? null : request.getParameter(SSE_SESSION_PARAMETER);
        return id == null || id.isBlank() ? null : "sse:" + id;
    }

    static void answer(HttpServletResponse response, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * The body, or null when it is larger than a message may be (only that much is read). With a Content-Length, no
     * read follows its last byte: Jetty checks the minimum data rate at every read, against the time since the body's
     * first byte, so a read for the end of a body that has all arrived failed a complete request with 408 whenever
     * this server paused (CPU, GC) for 50 ms after reading a small body (seen with 210 sessions opening at once).
     */
    static byte[] readBounded(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > JsonRpcGuard.MAX_MESSAGE_BYTES) {
            return null;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[8192];
        InputStream in = request.getInputStream();
        int n;
        while (body.size() != declared && (n = in.read(buffer)) != -1) {
            body.write(buffer, 0, n);
            if (body.size() > JsonRpcGuard.MAX_MESSAGE_BYTES) {
                return null;
            }
        }
        return body.toByteArray();
    }

    /** The request with its body replaced by the accepted message. */
    private static final class BodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getCharacterEncoding() {
            return "UTF-8";
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }
            };
        }
    }

    /** The JSON-RPC id of the request this filter read (NullNode before it, or for a notification). */
    static JsonNode requestId(HttpServletRequest request) {
        return request.getAttribute(ID_ATTRIBUTE) instanceof JsonNode id ? id : NullNode.getInstance();
    }
}
