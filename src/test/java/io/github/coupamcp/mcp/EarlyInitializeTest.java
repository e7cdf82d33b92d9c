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

/** The plumbing around the shortcut: every byte of stdin reaches the server, every request gets one answer. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EarlyInitializeTest {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final InitializeShortcut SHORTCUT = new InitializeShortcut("sel", Set.of("s"),
            List.of("2025-03-26", "2025-06-18"), "{\"protocolVersion\":\"{{protocolVersion}}\",\"serverInfo\":"
            + "{\"name\":\"coupa-mcp\",\"version\":\"{{version}}\"}}");
    private static final String EARLY = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"protocolVersion\":\"2025-06-18\","
            + "\"serverInfo\":{\"name\":\"coupa-mcp\",\"version\":\"1.0\"}}}";

    @Test
    void answersAnOrdinaryInitializeAtOnceAndHandsEveryByteToTheServer() throws IOException {
        String input = INITIALIZE + "\n{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}\n";
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        EarlyInitialize early = EarlyInitialize.start(stream(input), stdout, () -> Optional.of(SHORTCUT), "1.0");

        assertThat(new String(early.in().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(input);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(EARLY + "\n");
    }

    @Test
    void dropsOnlyTheServersOwnAnswerToTheRequestAnsweredEarlyHoweverItIsWritten() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        EarlyInitialize early = EarlyInitialize.start(stream(INITIALIZE + "\n"), stdout, () -> Optional.of(SHORTCUT),
                "1.0");
        early.in().readAllBytes(); // the server has read the line: the early answer is out
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{}}\n";
        String otherAnswer = "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-1,\"message\":\"x\"}}\n";
        String after = "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}\n";
        OutputStream out = early.out();
        write(out, notification + otherAnswer, false);
        write(out, EARLY + "\n", true); // the server's own answer, byte by byte
        write(out, after + EARLY + "\n", false); // a second one is no longer dropped

        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .isEqualTo(EARLY + "\n" + notification + otherAnswer + after + EARLY + "\n");
    }

    @Test
    void passesEverythingOnWhenTheFirstLineIsNotAnOrdinaryInitialize() throws IOException {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n";
        for (String input : List.of(ping, INITIALIZE, "x".repeat(EarlyInitialize.MAX_FIRST_LINE + 10) + "\n", "",
                INITIALIZE.replace("\"id\":7", "\"id\":7.0") + "\n")) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            EarlyInitialize early = EarlyInitialize.start(stream(input), stdout, () -> Optional.of(SHORTCUT), "1.0");

            assertThat(new String(early.in().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(input);
            early.out().write((EARLY + "\n").getBytes(StandardCharsets.UTF_8));
            assertThat(stdout.toString(StandardCharsets.UTF_8)).as("nothing early, nothing dropped")
                    .isEqualTo(EARLY + "\n");
        }
    }

    @Test
    void answersNothingEarlyWhenTheSettingsMayNotUseTheShortcut() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        EarlyInitialize early = EarlyInitialize.start(stream(INITIALIZE + "\n"), stdout, Optional::empty, "1.0");

        assertThat(new String(early.in().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(INITIALIZE + "\n");
        assertThat(stdout.size()).isZero();
    }

    @Test
    void aFailingStdinReachesTheServerAsItIs() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("broken pipe");
            }
        };
        EarlyInitialize early = EarlyInitialize.start(broken, new ByteArrayOutputStream(),
                () -> Optional.of(SHORTCUT), "1.0");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> early.in().read())
                .isInstanceOf(IOException.class).hasMessage("broken pipe");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
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
