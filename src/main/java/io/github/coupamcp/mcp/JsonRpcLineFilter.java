package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Sits between stdin and the SDK's stdio transport, which stops reading for good after one line it cannot
 * parse (even an empty one). Only lines the SDK accepts get through; each rejected line is reported to
 * {@code onRejected} (which answers it) and skipped. End of input is reported once to {@code onEof}.
 */
final class JsonRpcLineFilter extends InputStream {
    private final InputStream in;
    private final McpJsonMapper json;
    private final int maxLineBytes;
    private final Consumer<Rejection> onRejected;
    private final Runnable onEof;
    private final AnswerCounter answers;

    private byte[] pending = new byte[0];
    private int position;
    private boolean eof;

    /**
     * Why a line was dropped: the JSON-RPC error code to answer with (-32700 not JSON, -32600 JSON but not a
     * message), the request id when one could be read (else null), and a short prefix of the line for the logs.
     */
    record Rejection(int code, String reason, JsonNode id, String line) {
        static final int PARSE_ERROR = -32700;
        static final int INVALID_REQUEST = -32600;
    }

    JsonRpcLineFilter(InputStream in, McpJsonMapper json, int maxLineBytes, Consumer<Rejection> onRejected,
            Runnable onEof, AnswerCounter answers) {
        this.in = in instanceof java.io.BufferedInputStream ? in : new java.io.BufferedInputStream(in);
        this.json = json;
        this.maxLineBytes = maxLineBytes;
        this.onRejected = onRejected;
        this.onEof = onEof;
        this.answers = answers;
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return pending[position++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Makes sure there are unread bytes of an accepted line; false at end of input. */
    private boolean fill() throws IOException {
        while (position >= pending.length) {
            if (eof) {
                return false;
            }
            byte[] line = readLine();
            if (line == null) {
                eof = true;
                awaitAnswers();
                onEof.run();
                return false;
            }
            accept(line);
        }
        return true;
    }

    private void accept(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (line.length > maxLineBytes) {
            onRejected.accept(new Rejection(Rejection.INVALID_REQUEST, "line longer than " + maxLineBytes + " bytes",
                    null, prefix(text)));
            return;
        }
        if (text.isBlank()) {
            return; // an empty line is harmless noise: drop it silently
        }
        try {
            if (McpSchema.deserializeJsonRpcMessage(json, text) instanceof McpSchema.JSONRPCRequest) {
                answers.requested();
            }
        } catch (Exception e) {
            onRejected.accept(rejection(text));
            return;
        }
        byte[] withNewline = new byte[line.length + 1];
        System.arraycopy(line, 0, withNewline, 0, line.length);
        withNewline[line.length] = '\n';
        pending = withNewline;
        position = 0;
    }

    /** Holds EOF back from the SDK until the requests already passed on are answered (see AnswerCounter). */
    private void awaitAnswers() throws IOException {
        try {
            answers.awaitAllAnswered();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for answers");
        }
    }

    /** One line without its terminator (LF or CRLF); bytes past the limit are counted, not kept. */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        boolean sawAny = false;
        long length = 0;
        while ((b = in.read()) != -1) {
            sawAny = true;
            if (b == '\n') {
                break;
            }
            if (length++ <= maxLineBytes) {
                line.write(b);
            }
        }
        if (b == -1 && !sawAny) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            return java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return bytes;
    }

    /** Not JSON at all is a parse error; JSON that is not a message is an invalid request, answered to its id. */
    private static Rejection rejection(String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (RuntimeException notJson) {
            return new Rejection(Rejection.PARSE_ERROR, "not JSON", null, prefix(text));
        }
        JsonNode id = node != null && node.isObject() ? node.get("id") : null;
        if (id != null && !id.isString() && !id.isIntegralNumber()) {
            id = null;
        }
        return new Rejection(Rejection.INVALID_REQUEST, "not a JSON-RPC message", id, prefix(text));
    }

    private static String prefix(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
