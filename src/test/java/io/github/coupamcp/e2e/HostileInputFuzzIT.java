package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The fuzz of issue 7's "Measure": thousands of hostile {@code tools/call} requests against the packaged server,
 * over Streamable HTTP and stdio, for every tool that tools/list publishes. Every request must get a JSON-RPC
 * answer, with no Java class name, no internal error and no result over the response budget. Fixed seed, bounded
 * in time; the counts are printed for the record.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputFuzzIT {
    static final long SEED = 20_261_201L;
    static final int HTTP_REQUESTS = 5_000;
    static final int STDIO_REQUESTS = 1_000;
    /** The server's default response budget. */
    static final int BUDGET = 8_000;
    private static final String BOTH = "application/json, text/event-stream";
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\","
            + "\"version\":\"0\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        // Coupa's rate limit is not what is under test here: without it thousands of calls fit in seconds.
        sandbox = Sandbox.start(SandboxOptions.builder().port(0).seed(42).scale(Scale.SMALL)
                .rateLimitEnabled(false).tokenPropagationDelay(Duration.ofMillis(100)).build());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("COUPA_INSTANCE_URL", sandbox.baseUrl());
        env.put("COUPA_CLIENT_ID", sandbox.clientId());
        env.put("COUPA_CLIENT_SECRET", sandbox.clientSecret());
        env.put("COUPA_TOKEN_PROPAGATION_DELAY", "100ms");
        env.put("COUPA_RATE_LIMIT", "10000");
        env.put("COUPA_RATE_LIMIT_BURST", "10000");
        env.put("COUPA_MAX_ATTEMPTS", "1");
        env.put("COUPA_RETRY_DEADLINE", "2s");
        env.put("COUPA_MCP_CURSOR_KEY", "fuzz-cursor-key-0123456789abcdef");
        return env;
    }

    @Test
    void streamableHttp() throws Exception {
        try (ServerProcess server = ServerProcess.start(env(), "http", "--port", "0")) {
            String base = server.awaitHttpBaseUrl(Duration.ofSeconds(40));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<String> sessions = new ArrayList<>();
            JsonNode tools = null;
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> init = post(http, base, INIT, null);
                String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
                post(http, base, INITIALIZED, session);
                sessions.add(session);
                tools = tools != null ? tools : answer(post(http, base, TOOLS_LIST, session), 2).path("result");
            }
            HostileCalls generator = new HostileCalls(SEED, tools);
            List<HostileCalls.Call> calls = generator.generate(HTTP_REQUESTS, 1000);
            FuzzTally tally = new FuzzTally("streamable-http", BUDGET);

            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String session = sessions.get(w % sessions.size());
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls.size(); i = next.getAndIncrement()) {
                        HostileCalls.Call call = calls.get(i);
                        int id = 1000 + i;
                        try {
                            HttpResponse<String> response = post(http, base, call.message(), session);
                            tally.record(call, id, answer(response, id), response.statusCode() + " " + response.body());
                        } catch (Exception e) {
                            tally.record(call, id, null, e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(100, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("Tools fuzzed: " + generator.tools());
            System.out.print(tally.report(millis));
            assertClean(tally, HTTP_REQUESTS);
        }
    }

    @Test
    void stdio() throws Exception {
        try (ServerProcess server = ServerProcess.start(env(), "stdio")) {
            OutputStream stdin = server.process().getOutputStream();
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(server.process().getInputStream(), StandardCharsets.UTF_8));
            send(stdin, INIT);
            assertThat(stdout.readLine()).contains("serverInfo");
            send(stdin, INITIALIZED);
            send(stdin, TOOLS_LIST);
            JsonNode tools = Json.MAPPER.readTree(stdout.readLine()).path("result");
            HostileCalls generator = new HostileCalls(SEED + 1, tools);
            List<HostileCalls.Call> calls = generator.generate(STDIO_REQUESTS, 1000);
            FuzzTally tally = new FuzzTally("stdio", BUDGET);

            long start = System.nanoTime();
            Map<Integer, JsonNode> answers = new ConcurrentHashMap<>();
            List<JsonNode> unattributed = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try {
                    String line;
                    while (answers.size() < calls.size() && (line = stdout.readLine()) != null) {
                        JsonNode answer = Json.MAPPER.readTree(line);
                        if (answer.path("id").isIntegralNumber()) {
                            answers.put(answer.path("id").asInt(), answer);
                        } else if (answer.has("id")) {
                            synchronized (unattributed) {
                                unattributed.add(answer);
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process went away: what is missing is counted as unanswered
                }
            }, "fuzz-stdout");
            reader.setDaemon(true);
            reader.start();
            Thread writer = new Thread(() -> {
                try {
                    for (HostileCalls.Call call : calls) {
                        send(stdin, call.message());
                    }
                } catch (IOException e) {
                    // the process went away: what is missing is counted as unanswered
                }
            }, "fuzz-stdin");
            writer.setDaemon(true);
            writer.start();
            reader.join(TimeUnit.SECONDS.toMillis(60));
            for (int i = 0; i < calls.size(); i++) {
                JsonNode answer = answers.get(1000 + i);
                tally.record(calls.get(i), 1000 + i, answer, answer == null ? "no answer with this id" : null);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.print(tally.report(millis));
            if (tally.answered() < STDIO_REQUESTS) {
                String log = server.stderr();
                System.out.println("Server log (end):\n" + log.substring(Math.max(0, log.length() - 6000)));
            }
            assertThat(unattributed).as("answers with no request id").isEmpty();
            assertClean(tally, STDIO_REQUESTS);
            stdin.close();
            assertThat(server.awaitExit(Duration.ofSeconds(15))).isZero();
        }
    }

    private static void assertClean(FuzzTally tally, int requests) {
        String report = tally.report(0);
        assertThat(tally.requests()).isEqualTo(requests);
        assertThat(tally.answered()).as(report).isEqualTo(requests);
        assertThat(tally.failures("java names")).as(report).isZero();
        assertThat(tally.failures("internal error")).as(report).isZero();
        assertThat(tally.failures("over budget")).as(report).isZero();
    }

    private static void send(OutputStream stdin, String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private static HttpResponse<String> post(HttpClient http, String base, String body, String session)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", BOTH);
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The JSON-RPC answer to request {@code id} in a response (JSON body, event stream, or the JSON-RPC body of a
     * 4xx), or null when there is none.
     */
    private static JsonNode answer(HttpResponse<String> response, int id) {
        String body = response.body();
        try {
            if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                for (String line : body.split("\n")) {
                    if (line.startsWith("data:")) {
                        JsonNode message = Json.MAPPER.readTree(line.substring(5).trim());
                        if (message.path("id").asInt(-1) == id) {
                            return message;
                        }
                    }
                }
                return null;
            }
            JsonNode message = Json.MAPPER.readTree(body);
            return message.has("jsonrpc") ? message : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
