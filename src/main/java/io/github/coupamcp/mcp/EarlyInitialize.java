package io.github.coupamcp.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Answers a stdio client's first line, when it is an ordinary {@code initialize}, from the {@link InitializeShortcut}
 * on a thread of its own, while the main thread still loads the server; then hands that line to the server like every
 * other, and drops the server's own answer to it, so the client sees one answer per request. Nothing is lost or
 * reordered: the server reads every byte of stdin, and answers nothing else before its initialize answer.
 */
public final class EarlyInitialize {
    /** A longer first line is no ordinary initialize: it goes to the server unread. */
    static final int MAX_FIRST_LINE = 64 * 1024;

    private final InputStream stdin;
    private final CompletableFuture<byte[]> firstLine = new CompletableFuture<>();
    private final Dropper out;

    private EarlyInitialize(InputStream stdin, OutputStream stdout) {
        this.stdin = stdin;
        this.out = new Dropper(stdout);
    }

    /**
     * Starts reading stdin at once. {@code shortcut} is asked on the reading thread, once the first line is in:
     * empty when this configuration may not use it.
     */
    public static EarlyInitialize start(InputStream stdin, OutputStream stdout,
            Supplier<Optional<InitializeShortcut>> shortcut, String version) {
        EarlyInitialize early = new EarlyInitialize(stdin, stdout);
        Thread thread = new Thread(() -> early.answerFirstLine(shortcut, version), "early-initialize");
        thread.setDaemon(true);
        thread.start();
        return early;
    }

    /** What the server reads: the first line again, then the rest of stdin. */
    public InputStream in() {
        return new InputStream() {
            private byte[] first;
            private int at;

            private boolean fromFirst() {
                if (first == null) {
                    first = firstLine.join();
                }
                return at < first.length;
            }

            @Override
            public int read() throws IOException {
                return fromFirst() ? first[at++] & 0xff : stdin.read();
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (!fromFirst()) {
                    return stdin.read(bytes, offset, length);
                }
                int n = Math.min(length, first.length - at);
                System.arraycopy(first, at, bytes, offset, n);
                at += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                stdin.close();
            }
        };
    }

    /** What the server writes to: stdout without the server's own answer to a request answered here. */
    public OutputStream out() {
        return out;
    }

    private void answerFirstLine(Supplier<Optional<InitializeShortcut>> shortcut, String version) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while (line.size() < MAX_FIRST_LINE && (b = stdin.read()) != -1) {
                line.write(b);
                if (b == '\n') {
                    answer(shortcut, version, line);
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the server reads stdin next and meets the same trouble, which it reports
        } finally {
            firstLine.complete(line.toByteArray());
        }
    }

    private void answer(Supplier<Optional<InitializeShortcut>> shortcut, String version, ByteArrayOutputStream line)
            throws IOException {
        String request = line.toString(StandardCharsets.UTF_8).strip();
        Optional<String> answer = shortcut.get().flatMap(s -> s.answer(request, version));
        if (answer.isPresent()) {
            out.answered(answer.get(), ((Map<?, ?>) StrictJson.parse(request)).get("id"));
        }
    }

    /** Passes every line on, except the server's answer to the request answered early. */
    private static final class Dropper extends OutputStream {
        private final OutputStream stdout;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private String early; // guarded by this: the early answer while the server's own is awaited
        private Object earlyId;

        Dropper(OutputStream stdout) {
            this.stdout = stdout;
        }

        synchronized void answered(String answer, Object id) throws IOException {
            stdout.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
            stdout.flush();
            early = answer;
            earlyId = id;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            if (early == null) {
                stdout.write(bytes, offset, length);
                return;
            }
            int start = offset;
            for (int i = offset; i < offset + length && early != null; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, start, i + 1 - start);
                    start = i + 1;
                    lineEnded();
                }
            }
            if (early == null) {
                stdout.write(bytes, start, offset + length - start); // the rest, past the dropped answer
            } else {
                line.write(bytes, start, offset + length - start);
            }
        }

        private void lineEnded() throws IOException {
            byte[] complete = line.toByteArray();
            line.reset();
            String text = new String(complete, StandardCharsets.UTF_8).strip();
            if (!isAnswerToEarly(text)) {
                stdout.write(complete);
                return;
            }
            if (!text.equals(early)) {
                LoggerFactory.getLogger(EarlyInitialize.class).warn("The early initialize answer differed from the "
                        + "server's: early {}, server {}", early, text);
            }
            early = null;
        }

        private boolean isAnswerToEarly(String text) {
            try {
                return StrictJson.parse(text) instanceof Map<?, ?> message && earlyId.equals(message.get("id"))
                        && message.get("result") instanceof Map<?, ?> result && result.containsKey("serverInfo");
            } catch (IllegalArgumentException e) {
                return false; // e.g. non-BMP text in a notification: not the answer, which is plain
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            stdout.flush();
        }

        @Override
        public void close() throws IOException {
            stdout.close();
        }
    }
}
