package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** What only stdio has: a raw byte stream a client (or a wrapper script) can corrupt, and a lifetime tied to stdin. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StdioProcessIT {
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"0\"}}}";
    /** How long a read of the server's stdout may block; the server is then stopped by try-with-resources. */
    private static final Duration ANSWER = Duration.ofSeconds(40);

    private static void send(OutputStream stdin, String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private static JsonNode receive(BufferedReader stdout) throws IOException {
        String line = Await.within(ANSWER, "answer on stdout", stdout::readLine);
        assertThat(line).as("an answer on stdout").isNotNull();
        return Json.MAPPER.readTree(line);
    }

    @Test
    void garbageLinesAreAnsweredAndTheServerKeepsServingUntilStdinCloses() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of(), "stdio", "--sandbox")) {
            OutputStream stdin = server.process().getOutputStream();
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(server.process().getInputStream(), StandardCharsets.UTF_8));

            send(stdin, INITIALIZE);
            JsonNode init = receive(stdout);
            assertThat(init.path("result").path("serverInfo").path("name").asString()).isEqualTo("coupa-mcp");
            send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

            send(stdin, "");
            send(stdin, "hello? is this thing on");
            JsonNode parseError = receive(stdout);
            assertThat(parseError.path("error").path("code").asInt()).isEqualTo(-32700);
            assertThat(parseError.path("id").isNull()).isTrue();

            send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            JsonNode tools = receive(stdout);
            assertThat(tools.path("id").asInt()).isEqualTo(2);
            assertThat(tools.path("result").path("tools").size()).isGreaterThanOrEqualTo(6);

            stdin.close();
            assertThat(server.awaitExit(Duration.ofSeconds(15))).as("exit code after stdin closed").isZero();
            assertThat(Await.within(ANSWER, "end of stdout", stdout::readLine)).as("nothing but protocol on stdout")
                    .isNull();
            assertThat(server.stderr()).doesNotContain("Exception");
        }
    }

    @Test
    void requestsPipedInWithStdinClosedRightAfterAreAllAnswered() throws Exception {
        // `printf '...' | java -jar coupa-mcp.jar stdio`: the SDK would drop answers still running at EOF.
        try (ServerProcess server = ServerProcess.start(Map.of(), "stdio", "--sandbox")) {
            OutputStream stdin = server.process().getOutputStream();
            send(stdin, INITIALIZE);
            send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"list_invoices\",\"arguments\":{\"limit\":2}}}");
            send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"get_invoice\",\"arguments\":{\"id\":987654321}}}");
            stdin.close();
            String stdout = new String(Await.within(ANSWER, "end of stdout",
                    server.process().getInputStream()::readAllBytes), StandardCharsets.UTF_8);
            assertThat(server.awaitExit(Duration.ofSeconds(15))).isZero();
            java.util.Set<Integer> ids = new java.util.TreeSet<>();
            for (String line : stdout.split("\n")) {
                ids.add(Json.MAPPER.readTree(line).path("id").asInt());
            }
            assertThat(ids).containsExactly(1, 2, 3);
        }
    }

    @Test
    void stdinClosedAtOnceExitsCleanly() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of(), "stdio", "--sandbox")) {
            server.process().getOutputStream().close();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isZero();
        }
    }

    /** The next line on stdout, failing the test if none arrives within {@code seconds}. */
    private static JsonNode receiveWithin(BufferedReader stdout, long seconds) throws Exception {
        try {
            return Json.MAPPER.readTree(CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(seconds, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            throw new AssertionError("no answer on stdout within " + seconds + " s", e);
        }
    }

    /** Initializes a stdio server whose Coupa connection failed, once its one start-up line is on stderr. */
    private static BufferedReader initializedWithStartupLine(ServerProcess server, String line) throws Exception {
        OutputStream stdin = server.process().getOutputStream();
        BufferedReader stdout = new BufferedReader(
                new InputStreamReader(server.process().getInputStream(), StandardCharsets.UTF_8));
        send(stdin, INITIALIZE);
        assertThat(receiveWithin(stdout, 30).path("result").isObject()).isTrue();
        send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(server.awaitStderr(line, Duration.ofSeconds(30))).as(server.stderr()).isTrue();
        return stdout;
    }

    private static String toolCall(int id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    @Test
    void initializeIsAnsweredWhileTheTokenRequestIsStillHeldByCoupa() throws Exception {
        try (HeldTokenEndpoint coupaToken = new HeldTokenEndpoint(ItSandbox.shared().sandbox.tokenUrl())) {
            Map<String, String> env = new HashMap<>(ItSandbox.shared().serverEnv());
            env.put("COUPA_TOKEN_URL", coupaToken.tokenUrl());
            try (ServerProcess server = ServerProcess.start(env, "stdio")) {
                OutputStream stdin = server.process().getOutputStream();
                BufferedReader stdout = new BufferedReader(
                        new InputStreamReader(server.process().getInputStream(), StandardCharsets.UTF_8));
                send(stdin, INITIALIZE);
                JsonNode init = receiveWithin(stdout, 30);
                assertThat(init.path("result").path("serverInfo").path("name").asString()).isEqualTo("coupa-mcp");
                assertThat(coupaToken.awaitRequest(30)).as("the server asked for a token").isTrue();
                assertThat(coupaToken.answered()).as("token requests answered before initialize was").isZero();
                send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
                assertThat(receiveWithin(stdout, 30).path("result").path("tools").size()).isGreaterThanOrEqualTo(6);

                coupaToken.release();
                send(stdin, toolCall(3, "list_suppliers", "{\"limit\":1}"));
                JsonNode call = receiveWithin(stdout, 30);
                assertThat(call.path("result").path("isError").asBoolean()).as(call.toString()).isFalse();
                assertThat(coupaToken.answered()).isEqualTo(1);
                stdin.close();
                assertThat(server.awaitExit(Duration.ofSeconds(15))).isZero();
            }
        }
    }

    @Test
    void rejectedCredentialsAreLoggedOnceAndAnsweredOnEveryCallWhileTheServerKeepsServing() throws Exception {
        Map<String, String> env = new HashMap<>(ItSandbox.shared().serverEnv());
        env.put("COUPA_CLIENT_SECRET", "wrong-secret-value-42");
        try (ServerProcess server = ServerProcess.start(env, "stdio")) {
            OutputStream stdin = server.process().getOutputStream();
            BufferedReader stdout = initializedWithStartupLine(server, "coupa-mcp: Coupa rejected");

            send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            assertThat(receiveWithin(stdout, 30).path("result").path("tools").size()).isGreaterThanOrEqualTo(6);
            for (int id = 3; id <= 4; id++) {
                send(stdin, toolCall(id, "list_suppliers", "{\"limit\":1}"));
                JsonNode result = receiveWithin(stdout, 30).path("result");
                assertThat(result.path("isError").asBoolean()).isTrue();
                assertThat(result.path("content").get(0).path("text").asString())
                        .contains("COUPA_CLIENT_ID", "COUPA_CLIENT_SECRET", "restart")
                        .doesNotContain("wrong-secret-value-42");
            }
            assertThat(server.process().isAlive()).isTrue();
            stdin.close();
            assertThat(server.awaitExit(Duration.ofSeconds(15))).isZero();
            assertThat(server.stderr().lines().filter(line -> line.startsWith("coupa-mcp:")))
                    .singleElement().asString().contains("COUPA_CLIENT_ID", "COUPA_CLIENT_SECRET");
            assertThat(server.stderr()).doesNotContain("\tat ").doesNotContain("Exception")
                    .doesNotContain("wrong-secret-value-42");
        }
    }

    @Test
    void anUnreachableInstanceIsLoggedAndTriedAgainByEachCallWhileTheServerKeepsServing() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(ItSandbox.shared().serverEnv());
        env.put("COUPA_INSTANCE_URL", "http://127.0.0.1:" + closedPort);
        env.put("COUPA_MAX_ATTEMPTS", "1");
        try (ServerProcess server = ServerProcess.start(env, "stdio")) {
            OutputStream stdin = server.process().getOutputStream();
            BufferedReader stdout = initializedWithStartupLine(server, "coupa-mcp: Coupa is unreachable");

            send(stdin, toolCall(2, "list_suppliers", "{\"limit\":1}"));
            JsonNode result = receiveWithin(stdout, 30).path("result");
            assertThat(result.path("isError").asBoolean()).isTrue();
            assertThat(result.path("content").get(0).path("text").asString())
                    .contains("could not connect", "Retry in a minute").doesNotContain("restart");
            assertThat(server.process().isAlive()).isTrue();
            stdin.close();
            assertThat(server.awaitExit(Duration.ofSeconds(15))).isZero();
            assertThat(server.stderr()).contains("COUPA_INSTANCE_URL", "tries again").doesNotContain("\tat ");
        }
    }

    @Test
    void configurationErrorsAreReportedBeforeStarting() throws Exception {
        Map<String, String> env = Map.of("COUPA_INSTANCE_URL", "not a url", "COUPA_CLIENT_ID", "id",
                "COUPA_CLIENT_SECRET", "very-secret-value");
        try (ServerProcess server = ServerProcess.start(env, "stdio")) {
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
            assertThat(server.stderr()).contains("configuration error").contains("COUPA_INSTANCE_URL")
                    .doesNotContain("very-secret-value").doesNotContain("\tat ");
            assertThat(Await.within(ANSWER, "end of stdout", server.process().getInputStream()::readAllBytes))
                    .isEmpty();
        }
    }

    /**
     * A plain start answers initialize from the answer the build rendered (mcp.InitializeShortcut): it must be the
     * one a start without it gives, and the server's own answer to the same request must not follow it.
     */
    @Test
    void theEarlyInitializeAnswerIsTheServersOwnAndEveryRequestIsAnsweredOnce() throws Exception {
        Map<String, String> env = ItSandbox.shared().serverEnv();
        Map<String, String> ordinary = new HashMap<>(env);
        ordinary.put("COUPA_MCP_TOOLSETS", "core"); // the default tools, but not the default settings: no shortcut
        java.util.List<String> early = session(env);
        java.util.List<String> late = session(ordinary);

        assertThat(early).hasSize(3).hasSameSizeAs(late);
        assertThat(early.get(0)).isEqualTo(late.get(0));
        assertThat(early.stream().map(line -> Json.MAPPER.readTree(line).path("id").asInt()))
                .as("one answer per request").containsExactlyInAnyOrder(1, 2, 3);
        assertThat(tools(early)).isEqualTo(tools(late)).isGreaterThanOrEqualTo(6);
    }

    private static int tools(java.util.List<String> answers) {
        return answers.stream().map(Json.MAPPER::readTree).filter(answer -> answer.path("id").asInt() == 2)
                .findFirst().orElseThrow().path("result").path("tools").size();
    }

    /** initialize, tools/list and ping, stdin closed: every line the server wrote (it must then exit). */
    private static java.util.List<String> session(Map<String, String> env) throws Exception {
        try (ServerProcess server = ServerProcess.start(env, "stdio")) {
            OutputStream stdin = server.process().getOutputStream();
            send(stdin, INITIALIZE);
            send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
            stdin.close();
            String out = new String(Await.within(ANSWER, "end of stdout",
                    server.process().getInputStream()::readAllBytes), StandardCharsets.UTF_8);
            assertThat(server.awaitExit(Duration.ofSeconds(15))).isZero();
            assertThat(server.stderr()).doesNotContain("differed").doesNotContain("\tat ");
            return out.lines().toList();
        }
    }

    @Test
    void settingsTheServerRefusesGetNoEarlyAnswer() throws Exception {
        Map<String, String> env = Map.of("COUPA_INSTANCE_URL", "not a url", "COUPA_CLIENT_ID", "id",
                "COUPA_CLIENT_SECRET", "very-secret-value");
        try (ServerProcess server = ServerProcess.start(env, "stdio")) {
            send(server.process().getOutputStream(), INITIALIZE);
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
            assertThat(Await.within(ANSWER, "end of stdout", server.process().getInputStream()::readAllBytes))
                    .as("the configuration error, not an answer").isEmpty();
            assertThat(server.stderr()).contains("configuration error");
        }
    }
}
