package io.github.coupamcp.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Acts out a terminal {@link FaultRule} on the wire. */
final class Faults {
    private static final String MALFORMED_JSON = "{\"id\": 1, \"status\": \"approved\", \"invoice-lines\": [{\"id\": 7,";
    private static final String TRUNCATED_PREFIX = "{\"id\": 1, \"invoice-number\": \"INV-";

    private Faults() {}

    /** The status the request log records for a fault: 0 when no status line is sent. */
    static int loggedStatus(FaultRule fault) {
        return switch (fault.kind()) {
            case STATUS, HTML -> fault.status();
            case DROP -> RequestLog.NO_RESPONSE;
            case MALFORMED, TRUNCATE, LATENCY -> 200;
        };
    }

    /** Writes (or withholds) the faulty answer. */
    static void inject(FaultRule fault, Request request, Response response, Callback callback, Format format) {
        switch (fault.kind()) {
            case STATUS -> SandboxHandler.write(response, callback,
                    Reply.error(format, fault.status(), "base", reason(fault.status())));
            case HTML -> SandboxHandler.write(response, callback, Reply.html(fault.status(), proxyPage(fault.status())));
            case MALFORMED -> SandboxHandler.write(response, callback, new Reply(200, Reply.JSON,
                    MALFORMED_JSON.getBytes(StandardCharsets.UTF_8), java.util.Map.of()));
            case DROP -> {
                endPoint(request).close();
                callback.failed(SandboxHandler.dropped());
            }
            case TRUNCATE -> truncate(request, response, callback);
            case LATENCY -> throw new IllegalArgumentException("latency is not a terminal fault");
        }
    }

    /** Declares a body longer than what is sent, sends the start, then closes the connection. */
    private static void truncate(Request request, Response response, Callback callback) {
        byte[] partial = TRUNCATED_PREFIX.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Reply.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, partial.length * 10L);
        response.write(false, ByteBuffer.wrap(partial), Callback.from(() -> {
            endPoint(request).close();
            callback.failed(SandboxHandler.dropped());
        }, callback::failed));
    }

    private static EndPoint endPoint(Request request) {
        return request.getConnectionMetaData().getConnection().getEndPoint();
    }

    private static String reason(int status) {
        return switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error " + status;
        };
    }

    /** What nginx or a load balancer in front of Coupa sends when the application is unreachable. */
    private static String proxyPage(int status) {
        String title = status + " " + reason(status);
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }
}
