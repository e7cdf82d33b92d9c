package io.github.coupamcp.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Gives a stdio client the {@link RenderedAnswers} to its first requests while the main thread still loads the server:
 * a thread of its own reads stdin's first lines, answers what it can, and hands every byte on to the server (which
 * then reads the rest of stdin itself), and the server answers the same requests again; those answers are dropped,
 * so the client sees one answer per request. Early answers end at the first
 * message they do not cover and at the server's first own answer (from then on Coupa may change what a session sees).
 */
public final class EarlyAnswers {
    /** A longer line is no request answered early: it ends the early answers and goes to the server as it is. */
    static final int MAX_LINE = 64 * 1024;
    /** Queued after the lines read here: the server reads the rest of stdin itself. */
    private static final byte[] REST = new byte[0];
    /** Queued instead when stdin ended (or failed) while lines were read here. */
    private static final byte[] END = new byte[0];

    private final InputStream stdin;
    /**
     * The lines read here, for the server: a handful at most (initialize, initialized, tools/list, the line that ends
     * early answers), each at most {@link #MAX_LINE} bytes; then the pipe alone paces the client again.
     */
    private final BlockingQueue<byte[]> toServer = new LinkedBlockingQueue<>();
    private final Dropper out;

    private EarlyAnswers(InputStream stdin, OutputStream stdout) {
        this.stdin = stdin;
        this.out = new Dropper(stdout);
    }

    /**
     * Starts reading stdin at once. {@code answers} is asked on the reading thread, once the first line is in: empty
     * when this configuration may not use them.
     */
    public static EarlyAnswers start(InputStream stdin, OutputStream stdout,
            Supplier<Optional<RenderedAnswers>> answers, String version) {
        EarlyAnswers early = new EarlyAnswers(stdin, stdout);
        Thread thread = new Thread(() -> early.readEarlyLines(answers, version), "stdin-reader");
        thread.setDaemon(true);
        thread.start();
        return early;
    }

    /** What the server reads: the lines read here, then stdin itself, so every byte of stdin in order. */
    public InputStream in() {
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int at;

            /** Whether bytes of a queued line are left; false once it is stdin's turn (or stdin ended). */
            private boolean queued() throws IOException {
                while (chunk != REST && chunk != END && at == chunk.length) {
                    try {
                        chunk = toServer.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while reading stdin");
                    }
                    at = 0;
                }
                return chunk != REST && chunk != END;
            }

            @Override
            public int read() throws IOException {
                if (queued()) {
                    return chunk[at++] & 0xff;
                }
                return chunk == REST ? stdin.read() : -1;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                if (!queued()) {
                    return chunk == REST ? stdin.read(bytes, offset, length) : -1;
                }
                int n = Math.min(length, chunk.length - at);
                System.arraycopy(chunk, at, bytes, offset, n);
                at += n;
                return n;
            }
        };
    }

    /** What the server writes to: stdout without its own answers to requests answered early. */
    public OutputStream out() {
        return out;
    }

    /** Reads and answers line by line while early answers last, then leaves stdin to the server. */
    private void readEarlyLines(Supplier<Optional<RenderedAnswers>> answers, String version) {
        byte[] next = END;
        try {
            next = answerEarly(answers, version) ? REST : END;
        } catch (IOException | RuntimeException e) {
            // the server meets the end of stdin and stops as it always did
        } finally {
            toServer.add(next);
        }
    }

    /** Hands each line to the server, answering it first when it can; false when stdin ended meanwhile. */
    private boolean answerEarly(Supplier<Optional<RenderedAnswers>> answers, String version) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        RenderedAnswers.Session session = null;
        int b;
        while ((b = stdin.read()) != -1) {
            line.write(b);
            if (b != '\n' && line.size() < MAX_LINE) {
                continue;
            }
            byte[] bytes = line.toByteArray();
            line.reset();
            if (session == null) {
                Optional<RenderedAnswers> rendered = answers.get();
                if (rendered.isEmpty()) {
                    toServer.add(bytes);
                    return true;
                }
                session = rendered.get().session(version);
                out.session = session;
            }
            String text = b == '\n' ? message(bytes) : null;
            if (text == null) {
                session.end(); // too long, or not text the server reads as JSON: it answers from here on
            } else {
                answer(session, text);
            }
            toServer.add(bytes);
            if (session.over()) {
                return true;
            }
        }
        if (line.size() > 0) {
            toServer.add(line.toByteArray());
        }
        return false;
    }

    /**
     * The line as the server reads it (without its LF or CRLF), or null unless it is valid UTF-8: the server refuses
     * malformed bytes, which a lenient decoding would turn into a readable message.
     */
    static String message(byte[] line) {
        int end = line.length - 1; // the LF
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, end)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void answer(RenderedAnswers.Session session, String line) throws IOException {
        synchronized (out) { // the server's first answer ends the early ones: it must not come in between
            Optional<RenderedAnswers.Answer> answer = session.answer(line);
            if (answer.isPresent()) {
                out.answered(answer.get());
            }
        }
    }

    /** Passes every line on, except the server's answers to requests answered early. */
    private static final class Dropper extends OutputStream {
        private final OutputStream stdout;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<RenderedAnswers.Answer> awaited = new ArrayList<>(); // guarded by this
        private volatile RenderedAnswers.Session session;

        Dropper(OutputStream stdout) {
            this.stdout = stdout;
        }

        synchronized void answered(RenderedAnswers.Answer answer) throws IOException {
            stdout.write((answer.text() + "\n").getBytes(StandardCharsets.UTF_8));
            stdout.flush();
            awaited.add(answer);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            RenderedAnswers.Session current = session;
            if (current != null) {
                current.end(); // the server answers: whatever it says next may differ from what was rendered
            }
            if (awaited.isEmpty() && line.size() == 0) {
                stdout.write(bytes, offset, length);
                return;
            }
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, start, i + 1 - start);
                    start = i + 1;
                    lineEnded();
                    if (awaited.isEmpty()) {
                        stdout.write(bytes, start, offset + length - start);
                        return;
                    }
                }
            }
            line.write(bytes, start, offset + length - start);
        }

        private void lineEnded() throws IOException {
            byte[] complete = line.toByteArray();
            line.reset();
            String text = new String(complete, StandardCharsets.UTF_8);
            text = text.substring(0, text.length() - 1); // the SDK ends each message with one LF
            for (RenderedAnswers.Answer answer : awaited) {
                if (answer.text().equals(text)) {
                    awaited.remove(answer); // the same answer again: the client has it already
                    return;
                }
                if (text.startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + answer.idText() + ",")) {
                    LoggerFactory.getLogger(EarlyAnswers.class).warn("The server answered request {} otherwise than "
                            + "its early answer; both reach the client: early {}, server {}", answer.idText(),
                            answer.text(), text);
                }
            }
            stdout.write(complete);
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
