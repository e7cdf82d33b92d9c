package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Counts requests handed to the SDK and the answers it writes back, so that end of input can be held back
 * until every request is answered: the SDK closes the session as soon as it reads EOF and silently drops any
 * answer still on its way, which loses the replies of a client that writes its requests and closes stdin.
 */
final class AnswerCounter {
    private final Duration grace;
    private final CompletableFuture<Void> firstAnswer = new CompletableFuture<>();
    private long requested;
    private long answered;

    /** {@code grace}: how long end of input may be held back for answers still on their way. */
    AnswerCounter(Duration grace) {
        this.grace = grace;
    }

    synchronized void requested() {
        requested++;
    }

    private void answered() {
        synchronized (this) {
            answered++;
            notifyAll();
        }
        firstAnswer.complete(null);
    }

    /** Completes once the first answer is written. */
    CompletableFuture<Void> firstAnswer() {
        return firstAnswer;
    }

    /** Waits until every request so far has an answer or the grace period is over; true if all answered. */
    synchronized boolean awaitAllAnswered() throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (answered < requested) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Wraps the protocol output: every complete line that is a JSON-RPC response counts as one answer. */
    OutputStream counting(OutputStream out) {
        return new FilterOutputStream(out) {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                if (b == '\n') {
                    lineEnded();
                } else {
                    line.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                int start = offset;
                for (int i = offset; i < offset + length; i++) {
                    if (bytes[i] == '\n') {
                        line.write(bytes, start, i - start);
                        lineEnded();
                        start = i + 1;
                    }
                }
                line.write(bytes, start, offset + length - start);
            }

            private void lineEnded() {
                if (isResponse(line.toByteArray())) {
                    answered();
                }
                line.reset();
            }
        };
    }

    private static boolean isResponse(byte[] line) {
        try {
            JsonNode message = Json.MAPPER.readTree(line);
            return message != null && message.has("id") && !message.has("method");
        } catch (RuntimeException notJson) {
            return false;
        }
    }
}
