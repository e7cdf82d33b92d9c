package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SDK's servlets serialise the whole {@code McpError} exception, stack trace included, as the body of their
 * 4xx/5xx answers (upstream issue #955). This filter catches bodies written while the status is already an error
 * and rewrites them as a plain JSON-RPC error, keeping only the message. Successful answers and SSE streams pass
 * through untouched.
 */
final class ErrorBodyFilter extends HttpFilter {
    /** SDK messages that quote an exception (class names, binding details) are not passed on. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile(
            "\\b(java|javax|jakarta|tools\\.jackson|com\\.fasterxml|io\\.modelcontextprotocol|org\\.eclipse)\\."
                    + "|Exception\\b|\\$[A-Z]\\w*Request");
    private static final int METHOD_NOT_FOUND = -32601;
    private static final int INTERNAL_ERROR = -32603;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (HttpServer.READY_PATH.equals(request.getRequestURI())) { // its 503 body is ours, and says why
            chain.doFilter(request, response);
            return;
        }
        ErrorCapturingResponse wrapped = new ErrorCapturingResponse(response);
        chain.doFilter(request, wrapped);
        wrapped.finish();
    }

    /** A clean JSON-RPC error body from whatever the SDK wrote. */
    static String sanitise(int status, byte[] body) {
        int code = -32600;
        String message = "HTTP " + status;
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            // McpError serialises its JSONRPCError as "jsonRpcError": {code, message, data}.
            JsonNode error = node.has("jsonRpcError") ? node.path("jsonRpcError") : node.path("error");
            if (error.path("code").isNumber()) {
                code = error.path("code").asInt();
            }
            if (error.path("message").isString()) {
                message = error.path("message").asString();
            } else if (node.path("message").isString()) {
                message = node.path("message").asString();
            }
        } catch (RuntimeException notJson) {
            // keep the generic message: the original body is not something to pass on
        }
        if (status < 500 && (code == METHOD_NOT_FOUND || code == INTERNAL_ERROR)) {
            // the SDK's codes for a missing Accept or session header (-32601) and an unknown session (-32603): the
            // method exists and nothing failed inside; the request itself is not acceptable
            code = -32600;
        }
        if (JAVA_INTERNALS.matcher(message).find()) {
            message = "HTTP " + status + ": the request was refused";
        }
        ObjectNode out = Json.object();
        out.put("jsonrpc", "2.0");
        out.putNull("id");
        ObjectNode error = out.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return Json.MAPPER.writeValueAsString(out);
    }

    private static final class ErrorCapturingResponse extends HttpServletResponseWrapper {
        private ByteArrayOutputStream captured;
        private PrintWriter writer;
        private ServletOutputStream stream;

        ErrorCapturingResponse(HttpServletResponse response) {
            super(response);
        }

        private boolean capturing() {
            if (captured == null && getStatus() >= 400) {
                captured = new ByteArrayOutputStream();
            }
            return captured != null;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (!capturing()) {
                return super.getWriter();
            }
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(captured, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (!capturing()) {
                return super.getOutputStream();
            }
            if (stream == null) {
                stream = new CapturingStream(captured);
            }
            return stream;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (captured == null) {
                super.flushBuffer();
            }
        }

        void finish() throws IOException {
            if (captured == null) {
                return;
            }
            if (writer != null) {
                writer.flush();
            }
            byte[] body = sanitise(getStatus(), captured.toByteArray()).getBytes(StandardCharsets.UTF_8);
            HttpServletResponse response = (HttpServletResponse) getResponse();
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private static final class CapturingStream extends ServletOutputStream {
        private final ByteArrayOutputStream target;

        CapturingStream(ByteArrayOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("not supported on an error body");
        }
    }
}
