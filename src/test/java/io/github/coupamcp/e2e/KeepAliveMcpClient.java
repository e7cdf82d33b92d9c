package io.github.coupamcp.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The leanest Streamable HTTP client: one kept-alive HTTP/1.1 connection, each message written and its whole answer
 * (JSON or an event stream) read on the calling thread. Benchmarks use it beside the SDK's client to tell the
 * server's share of a call's cost from the client's. Loopback only.
 */
final class KeepAliveMcpClient implements AutoCloseable {
    private static final int MAX_LINE = 8192;

    private final Socket socket;
    private final OutputStream out;
    private final BufferedInputStream in;
    private final String hostHeader;
    private final String extraHeaders;
    private final String session;

    /** Connects to {@code baseUrl}'s {@code /mcp} and initialises a session; {@code headers} go on every request. */
    KeepAliveMcpClient(String baseUrl, Map<String, String> headers) throws IOException {
        URI uri = URI.create(baseUrl);
        socket = new Socket("127.0.0.1", uri.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        hostHeader = "127.0.0.1:" + uri.getPort();
        StringBuilder extra = new StringBuilder();
        headers.forEach((name, value) -> extra.append(name).append(": ").append(value).append("\r\n"));
        extraHeaders = extra.toString();
        Answer init = exchange(null, StdioProcessIT.INITIALIZE);
        if (init.session == null) {
            throw new IllegalStateException("initialize answered without a session: " + init.body);
        }
        session = init.session;
        exchange(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** Sends one JSON-RPC request and returns the answer's body (for a stream: every event of it). */
    String send(String message) {
        try {
            return exchange(session, message).body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(String session, String body) {}

    private Answer exchange(String sessionId, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        String head = "POST /mcp HTTP/1.1\r\nHost: " + hostHeader + "\r\n"
                + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + (sessionId == null ? "" : "Mcp-Session-Id: " + sessionId + "\r\nMCP-Protocol-Version: 2025-06-18\r\n")
                + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String status = line();
        String answerSession = null;
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "mcp-session-id" -> answerSession = value;
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> { }
            }
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        if (chunked) {
            for (int chunk = Integer.parseInt(line().trim(), 16); chunk > 0;
                    chunk = Integer.parseInt(line().trim(), 16)) {
                answer.write(in.readNBytes(chunk));
                line();
            }
            line(); // the empty line after the last chunk
        } else if (length > 0) {
            answer.write(in.readNBytes((int) length));
        }
        String text = answer.toString(StandardCharsets.UTF_8);
        if (!status.startsWith("HTTP/1.1 2")) {
            throw new IllegalStateException(status + ": " + text);
        }
        return new Answer(answerSession, text);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
            if (line.length() > MAX_LINE) {
                throw new IOException("header line too long");
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
