package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The plumbing around the rendered answers: every byte of stdin reaches the server, every request gets one answer. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EarlyAnswersTest {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":\"l\",\"method\":\"tools/list\"}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"}";
    private static final RenderedAnswers RENDERED = new RenderedAnswers("sel", Set.of("s"),
            List.of("2025-03-26", "2025-06-18"), "{\"protocolVersion\":\"{{protocolVersion}}\",\"serverInfo\":"
            + "{\"name\":\"coupa-mcp\",\"version\":\"{{version}}\"}}", "{\"tools\":[]}");
    private static final String EARLY_INIT = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"serverInfo\":{\"name\":\"coupa-mcp\",\"version\":\"1.0\"}}}";
    private static final String EARLY_LIST = "{\"jsonrpc\":\"2.0\",\"id\":\"l\",\"result\":{\"tools\":[]}}";

    @Test
    void answersInitializeAndTheFirstToolsListAtOnceAndHandsEveryByteToTheServer() throws IOException {
        String input = lines(INITIALIZE, INITIALIZED, TOOLS_LIST, PING, TOOLS_LIST.replace("\"l\"", "2"));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        EarlyAnswers early = EarlyAnswers.start(stream(input), stdout, () -> Optional.of(RENDERED), "1.0");

        assertThat(text(early.in())).isEqualTo(input);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).as("the ping and the second list are the server's")
                .isEqualTo(lines(EARLY_INIT, EARLY_LIST));
    }

    @Test
    void dropsOnlyTheServersOwnAnswersToRequestsAnsweredEarlyHoweverTheyAreWritten() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        EarlyAnswers early = EarlyAnswers.start(stream(lines(INITIALIZE, INITIALIZED, TOOLS_LIST)), stdout,
                () -> Optional.of(RENDERED), "1.0");
        text(early.in()); // the server has read everything: the early answers are out
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}\n";
        String pong = "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}\n";
        OutputStream out = early.out();
        write(out, notification + pong, false);
        write(out, EARLY_LIST + "\n", true); // the server's own answers, byte by byte, in any order
        write(out, EARLY_INIT + "\n" + pong + EARLY_INIT + "\n", false); // a second one is no longer dropped

        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .isEqualTo(lines(EARLY_INIT, EARLY_LIST) + notification + pong + pong + EARLY_INIT + "\n");
    }

    @Test
    void theServersFirstAnswerEndsTheEarlyAnswers() throws Exception {
        java.io.PipedOutputStream client = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(client, 1 << 16);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        EarlyAnswers early = EarlyAnswers.start(stdin, stdout, () -> Optional.of(RENDERED), "1.0");
        InputStream server = early.in();
        client.write(lines(INITIALIZE, INITIALIZED).getBytes(StandardCharsets.UTF_8));
        client.flush();
        byte[] read = server.readNBytes(lines(INITIALIZE, INITIALIZED).length());
        assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo(lines(INITIALIZE, INITIALIZED));

        early.out().write((EARLY_INIT + "\n").getBytes(StandardCharsets.UTF_8)); // the server answers initialize
        client.write(lines(TOOLS_LIST).getBytes(StandardCharsets.UTF_8));
        client.close();

        assertThat(text(server)).isEqualTo(lines(TOOLS_LIST));
        assertThat(stdout.toString(StandardCharsets.UTF_8)).as("the list is left to the server")
                .isEqualTo(lines(EARLY_INIT));
    }

    @Test
    void passesEverythingOnWhenTheSessionDoesNotStartInTheOrdinaryWay() throws IOException {
        for (String input : List.of(lines(PING, INITIALIZE), INITIALIZE, lines("x".repeat(EarlyAnswers.MAX_LINE + 10)),
                "", lines(INITIALIZE.replace("\"id\":7", "\"id\":7.0")),
                lines(INITIALIZE, TOOLS_LIST), // tools/list before notifications/initialized
                lines(INITIALIZE, INITIALIZED, TOOLS_LIST.replace("\"tools/list\"", "\"tools/list\",\"params\":"
                        + "{\"cursor\":\"c\"}")))) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            EarlyAnswers early = EarlyAnswers.start(stream(input), stdout, () -> Optional.of(RENDERED), "1.0");

            assertThat(text(early.in())).isEqualTo(input);
            String expected = input.startsWith(INITIALIZE + "\n") ? EARLY_INIT + "\n" : "";
            assertThat(stdout.toString(StandardCharsets.UTF_8)).as(input.substring(0, Math.min(80, input.length())))
                    .isEqualTo(expected);
        }
    }

    @Test
    void linesTheServerCannotReadGetNoEarlyAnswer() throws IOException {
        byte[] invalidUtf8 = INITIALIZE.replace("\"t\"", "\"\u00ff\"").getBytes(StandardCharsets.ISO_8859_1);
        byte[] cesuSurrogate = INITIALIZE.replace("\"t\"", "\"\u00ed\u00a0\u00bd\"").getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] line : List.of(invalidUtf8, cesuSurrogate, ("\u000b" + INITIALIZE).getBytes(StandardCharsets.UTF_8),
                (INITIALIZE + "\u2028").getBytes(StandardCharsets.UTF_8), ("\u3000" + INITIALIZE).getBytes(StandardCharsets.UTF_8))) {
            byte[] input = java.util.Arrays.copyOf(line, line.length + 1);
            input[line.length] = '\n';
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            EarlyAnswers early = EarlyAnswers.start(new ByteArrayInputStream(input), stdout,
                    () -> Optional.of(RENDERED), "1.0");

            assertThat(early.in().readAllBytes()).isEqualTo(input);
            assertThat(stdout.size()).as(new String(line, StandardCharsets.UTF_8)).isZero();
        }
        assertThat(EarlyAnswers.message((INITIALIZE + "\r\n").getBytes(StandardCharsets.UTF_8))).isEqualTo(INITIALIZE);
    }

    @Test
    void aServerAnswerThatDiffersFromTheEarlyOneIsPassedOnNotSwallowed() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        EarlyAnswers early = EarlyAnswers.start(stream(lines(INITIALIZE)), stdout, () -> Optional.of(RENDERED), "1.0");
        text(early.in());
        String error = "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"x\"}}";
        String other = EARLY_INIT.replace("2025-06-18", "2024-11-05");
        write(early.out(), lines(error, other, EARLY_INIT, EARLY_INIT), false);

        assertThat(stdout.toString(StandardCharsets.UTF_8)).as("only the identical answer is dropped, once")
                .isEqualTo(lines(EARLY_INIT, error, other, EARLY_INIT));
    }

    @Test
    void answersNothingEarlyWhenTheSettingsMayNotUseTheRenderedAnswers() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        String input = lines(INITIALIZE, INITIALIZED, TOOLS_LIST);
        EarlyAnswers early = EarlyAnswers.start(stream(input), stdout, Optional::empty, "1.0");

        assertThat(text(early.in())).isEqualTo(input);
        assertThat(stdout.size()).isZero();
    }

    /** The pipe alone made a client wait when the server read slower than it wrote: the reader must not buffer all. */
    @Test
    void aClientWritingFasterThanTheServerReadsWaitsInsteadOfFillingTheHeap() throws Exception {
        java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 'x';
            }

            @Override
            public int read(byte[] bytes, int offset, int length) {
                java.util.Arrays.fill(bytes, offset, offset + length, (byte) 'x');
                served.addAndGet(length);
                return length;
            }
        };
        EarlyAnswers early = EarlyAnswers.start(endless, new ByteArrayOutputStream(), Optional::empty, "1.0");

        // the reader reads at most one line; past it, only what the server asks for is read
        assertThat(early.in().readNBytes(EarlyAnswers.MAX_LINE + 10)).hasSize(EarlyAnswers.MAX_LINE + 10);
        assertThat(served.get()).isLessThanOrEqualTo(EarlyAnswers.MAX_LINE + 10);
    }

    @Test
    void aFailingStdinEndsTheServersInput() throws IOException {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("broken pipe");
            }
        };
        EarlyAnswers early = EarlyAnswers.start(broken, new ByteArrayOutputStream(), () -> Optional.of(RENDERED),
                "1.0");

        assertThat(early.in().read()).isEqualTo(-1);
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void write(OutputStream out, String text, boolean byteByByte) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (byteByByte) {
            for (byte b : bytes) {
                out.write(b);
            }
        } else {
            out.write(bytes);
        }
        out.flush();
    }
}
