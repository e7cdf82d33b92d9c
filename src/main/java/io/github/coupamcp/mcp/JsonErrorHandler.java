package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jetty's own error answers (unknown path, rejected Origin/Host, uncaught exceptions) as a small JSON body instead
 * of an HTML page naming servlets and the server version. Messages of 5xx errors are replaced by the reason phrase:
 * they may come from an exception.
 */
final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
            String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
        return writeJson(response, callback, code, message);
    }

    /**
     * The same for errors Jetty meets before any context is chosen (a malformed Host or request line, CONNECT):
     * the server's own handler would answer them with an HTML page.
     */
    static final class ServerLevel extends org.eclipse.jetty.server.handler.ErrorHandler {
        @Override
        protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
            return writeJson(response, callback, code, message);
        }
    }

    private static boolean writeJson(Response response, Callback callback, int code, String message) {
        String reason = HttpStatus.getMessage(code);
        String text = code >= 500 || message == null || message.isBlank() ? reason : message;
        ObjectNode body = Json.object();
        body.put("status", code);
        body.put("error", text);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8)),
                callback);
        return true;
    }
}
