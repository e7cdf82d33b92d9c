package io.github.coupamcp.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.node.NullNode;

/**
 * Sits between stdin and the SDK's stdio transport, which stops reading for good after one line it cannot
 * parse (even an empty one). Only lines the {@link JsonRpcGuard} accepts get through, normalised; each rejected
 * line is reported to {@code onRejected} (which answers it when JSON-RPC allows) and skipped. Each accepted message
 * goes through {@code pass}, which may rewrite it or swallow it (null). End of input is reported once to
 * {@code onEof}. Requests other than initialize before {@code notifications/initialized} are refused, as over SSE
 * ({@link SseHandshakeFilter}): the SDK would hold them, unanswered, for good.
 */
final class JsonRpcLineFilter extends InputStream {
    private final InputStream in;
    private final McpJsonMapper json;
    private final JsonRpcGuard guard;
    private final int maxLineBytes;
    private final Consumer<Rejection> onRejected;
    private final Runnable onEof;
    private final AnswerCounter answers;
    private final Function<JsonRpcGuard.Accepted, String> pass;

    private byte[] pending = new byte[0];
    private int position;
    private boolean eof;
    /** Whether notifications/initialized came: the SDK holds every other request until it does. */
    private boolean initialized;

    /** A dropped line: the guard's verdict (with the answer to send, if any) and a short prefix for the logs. */
    record Rejection(JsonRpcGuard.Rejected verdict, String line) {
        int code() {
            return verdict.code();
        }
    }

    JsonRpcLineFilter(InputStream in, McpJsonMapper json, JsonRpcGuard guard, int maxLineBytes,
            Consumer<Rejection> onRejected, Runnable onEof, AnswerCounter answers) {
        this(in, json, guard, maxLineBytes, onRejected, onEof, answers, JsonRpcGuard.Accepted::json);
    }

    JsonRpcLineFilter(InputStream in, McpJsonMapper json, JsonRpcGuard guard, int maxLineBytes,
            Consumer<Rejection> onRejected, Runnable onEof, AnswerCounter answers,
            Function<JsonRpcGuard.Accepted, String> pass) {
        this.pass = pass;
        this.in = in instanceof java.io.BufferedInputStream ? in : new java.io.BufferedInputStream(in);
        this.json = json;
        this.guard = guard;
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
        String text = new String(line, 0, Math.min(line.length, maxLineBytes), StandardCharsets.UTF_8);
        if (line.length > maxLineBytes) {
            reject(JsonRpcGuard.tooLarge(line, maxLineBytes), text);
            return;
        }
        if (text.isBlank()) {
            return; // an empty line is harmless noise: drop it silently
        }
        JsonRpcGuard.Verdict verdict = guard.check(line);
        if (verdict instanceof JsonRpcGuard.Rejected rejected) {
            reject(rejected, text);
            return;
        }
        JsonRpcGuard.Accepted message = (JsonRpcGuard.Accepted) verdict;
        if (!initialized && message.method() != null) {
            if (JsonRpcGuard.endsHandshake(message.method(), message.request())) {
                initialized = true;
            } else if (message.request() && !message.method().equals(JsonRpcGuard.INITIALIZE)) {
                reject(JsonRpcGuard.notInitialized(message.method(), message.id()), text);
                return;
            }
        }
        String accepted = pass.apply(message);
        if (accepted == null) {
            return; // handled here (a cancellation): the SDK has nothing to do with it
        }
        try {
            // the SDK stops reading stdin for good on a line it cannot read: never hand it one
            if (McpSchema.deserializeJsonRpcMessage(json, accepted) instanceof McpSchema.JSONRPCRequest) {
                answers.requested();
            }
        } catch (Exception e) {
            reject(new JsonRpcGuard.Rejected(JsonRpcGuard.INVALID_REQUEST, "Invalid request: not a JSON-RPC 2.0 "
                    + "message", NullNode.getInstance(), true), text);
            return;
        }
        pending = (accepted + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
    }

    private void reject(JsonRpcGuard.Rejected verdict, String text) {
        onRejected.accept(new Rejection(verdict, prefix(text)));
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

    private static String prefix(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
