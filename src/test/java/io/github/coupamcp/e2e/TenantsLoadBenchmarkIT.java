package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.RequestStats;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import io.github.coupamcp.testing.Await;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Load test of hosted mode (issue 10, item 6): the packaged server in its own JVM, three tenants each on its own
 * Coupa sandbox (Coupa's 25 req/s, burst 20, enforced by the sandbox; a little latency, as a network adds), and
 * {@value #SESSIONS_PER_TENANT} Streamable HTTP sessions per tenant held open throughout. Phase A: tenants beta and
 * gamma run a moderate call mix at a fixed rate (open loop). Phase B: the same, while every session of tenant alpha
 * calls as fast as it is answered, far beyond alpha's Coupa limit, so that alpha's client-side limiter queues.
 * Prints per tenant and phase: calls, calls/s, p50/p99, errors, upstream requests per second and 429s, sessions held,
 * and the server's heap, threads and CPU from its own /metrics. Asserts no timing (the machine is shared); asserts
 * that every call was answered with its own tenant's data and every session was held and then released.
 * Run: {@code mvn -B -o -Pbench verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=TenantsLoadBenchmarkIT}.
 */
@Tag("benchmark")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TenantsLoadBenchmarkIT {
    private static final int SESSIONS_PER_TENANT = 70;
    private static final Duration PHASE = Duration.ofSeconds(20);
    /** Steady load before phase A, not reported: the server's JIT warms up, so that phase A is not its cold start. */
    private static final Duration WARM_UP = Duration.ofSeconds(8);
    /** Calls per second of beta and gamma each: about half of what their Coupa allows (each call is one request). */
    private static final double STEADY_RATE = 12;
    private static final long UPSTREAM_LATENCY_MS = 20;
    /** Bound of every single request of the test. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Bound of the calls alpha's sessions make in phase B, whatever the pace. */
    private static final int HAMMER_MAX_CALLS = 5_000;
    private static final String SATURATING = "alpha";
    private static final List<String> TENANTS = List.of("alpha", "beta", "gamma");
    private static final String METRICS_TOKEN = "load-metrics-token-0123456789";

    /** beta's and gamma's mix: one Coupa request each. */
    private static final List<Call> STEADY_MIX = List.of(
            new Call("get_invoice", "{\"id\": 7}"),
            new Call("list_invoices", "{\"limit\": 5}"),
            new Call("list_suppliers", "{\"limit\": 5}"),
            new Call("get_invoice", "{\"id\": 42}"));
    /** alpha's: full pages and fresh scans (several requests each). */
    private static final List<Call> HAMMER_MIX = List.of(
            new Call("list_invoices", "{\"limit\": 50}"),
            new Call("summarize_invoices", "{\"group_by\": \"supplier\", \"fresh\": true}"),
            new Call("list_invoices", "{\"limit\": 50, \"status\": [\"approved\", \"pending_approval\"]}"),
            new Call("summarize_invoices", "{\"group_by\": \"status\", \"fresh\": true}"));

    @TempDir
    Path dir;

    private final Map<String, Sandbox> sandboxes = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    /** Per tenant and call: the answer every load call must equal (its structured content, volatile parts removed). */
    private final Map<String, Map<Call, JsonNode>> expected = new HashMap<>();
    private RawMcp mcp;

    private record Call(String tool, String arguments) {}

    /** One MCP session of a tenant, with how many of its calls were answered correctly. */
    private record Session(String tenant, String id, AtomicInteger served) {}

    @Test
    void twoHundredTenSessionsOverThreeTenantsOneSaturatingItsCoupa() throws Exception {
        Map<String, String> env = new HashMap<>();
        long seed = 11;
        for (String tenant : TENANTS) {
            Sandbox sandbox = Sandbox.start(SandboxOptions.builder().port(0).scale(Scale.SMALL).seed(seed)
                    .tokenPropagationDelay(Duration.ZERO)
                    .rateLimit(SandboxOptions.DEFAULT_RATE_PER_SECOND, SandboxOptions.DEFAULT_BURST)
                    .fault(new FaultRule(FaultRule.Kind.LATENCY, 0, 1.0, 0, 0, UPSTREAM_LATENCY_MS, "/api/"))
                    .build());
            sandboxes.put(tenant, sandbox);
            seed += 11;
            String token = tenant + "-static-token-0123456789";
            tokens.put(tenant, token);
            env.put(tenant.toUpperCase() + "_TOKEN", token);
            env.put(tenant.toUpperCase() + "_SECRET", sandbox.clientSecret());
        }
        Path file = writeTenantsFile();
        env.put("COUPA_MCP_TENANTS_FILE", file.toString());
        env.put("COUPA_MCP_METRICS_TOKEN", METRICS_TOKEN);
        env.put("COUPA_MCP_MAX_SESSIONS", "1000");
        env.put("COUPA_MCP_ACCESS_LOG", "OFF");
        env.put("COUPA_MCP_CURSOR_KEY", "load-cursor-key-0123456789abcdef");
        try (ServerProcess server = ServerProcess.start(env, "http", "--port", "0")) {
            mcp = new RawMcp(server.awaitHttpBaseUrl(Duration.ofSeconds(60)), REQUEST_TIMEOUT);
            Await.until("every tenant ready", Duration.ofSeconds(60),
                    () -> mcp.get("/readyz", null).statusCode() == 200);
            run(server);
        } finally {
            sandboxes.values().forEach(Sandbox::close);
        }
    }

    private void run(ServerProcess server) throws Exception {
        Snapshot idle = snapshot("server up, no session");
        long opening = System.nanoTime();
        Map<String, List<Session>> sessions = new LinkedHashMap<>();
        for (String tenant : TENANTS) {
            sessions.put(tenant, open(tenant, SESSIONS_PER_TENANT));
        }
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        Snapshot held = snapshot("210 sessions open, idle");
        Map<String, Integer> idlePools = threadsByPool(server); // a thread per session would show here
        for (String tenant : TENANTS) {
            assertThat(held.metric("coupa_mcp_sessions_active", tenant)).as("sessions held by " + tenant)
                    .isEqualTo(SESSIONS_PER_TENANT);
        }
        learnExpectedAnswers(sessions);

        Sampler sampler = Sampler.start(this);
        Phase warmUp;
        Phase baseline;
        Phase saturated;
        try {
            warmUp = phase("warm-up", WARM_UP, sessions, false, sampler, server);
            baseline = phase("A: beta+gamma steady", PHASE, sessions, false, sampler, server);
            saturated = phase("B: + alpha saturating", PHASE, sessions, true, sampler, server);
        } finally {
            sampler.stop();
        }
        Snapshot after = snapshot("after the load, sessions open");

        // every session was served and is still held
        for (String tenant : TENANTS) {
            assertThat(after.metric("coupa_mcp_sessions_active", tenant)).as("sessions still held by " + tenant)
                    .isEqualTo(SESSIONS_PER_TENANT);
            for (Session session : sessions.get(tenant)) {
                assertThat(session.served().get()).as("calls answered on a session of " + tenant).isPositive();
            }
        }
        int closedWith200 = close(sessions);
        Await.until("every session released", Duration.ofSeconds(30),
                () -> TENANTS.stream().allMatch(t -> snapshot("").metric("coupa_mcp_sessions_active", t) == 0));
        Snapshot closed = snapshot("sessions deleted");

        print(openSeconds, List.of(idle, held, after, closed), baseline, saturated, sampler);
        printPools("with 210 sessions open, idle", idlePools);
        printPools("in the middle of phase B", saturated.threadsByPool);
        for (Phase phase : List.of(warmUp, baseline, saturated)) {
            phase.tallies.forEach((tenant, tally) -> {
                assertThat(tally.unanswered.get()).as(phase.name + " " + tenant + " unanswered: " + tally.problems)
                        .isZero();
                assertThat(tally.errors.get()).as(phase.name + " " + tenant + " errors: " + tally.problems).isZero();
                assertThat(tally.wrongData.get()).as(phase.name + " " + tenant + " not its data: " + tally.problems)
                        .isZero();
            });
        }
        assertThat(saturated.tallies.get(SATURATING).answered()).as("alpha's calls in phase B").isPositive();
        assertThat(closedWith200).as("sessions ended by DELETE").isEqualTo(TENANTS.size() * SESSIONS_PER_TENANT);
        assertThat(server.process().isAlive()).isTrue();
    }

    private Path writeTenantsFile() throws Exception {
        StringBuilder json = new StringBuilder("{\"tenants\": [\n");
        for (String tenant : TENANTS) {
            Sandbox sandbox = sandboxes.get(tenant);
            String upper = tenant.toUpperCase();
            json.append("""
                      {"name": "%s", "static_tokens": [{"env": "%s_TOKEN"}],
                       "coupa": {"instance_url": "%s", "client_id": "%s", "client_secret": {"env": "%s_SECRET"},
                                 "token_propagation_delay": "0s"}}%s
                    """.formatted(tenant, upper, sandbox.baseUrl(), sandbox.clientId(), upper,
                    tenant.equals(TENANTS.get(TENANTS.size() - 1)) ? "" : ","));
        }
        json.append("]}\n");
        Path file = dir.resolve("tenants.json");
        Files.writeString(file, json);
        return file;
    }

    // ---- the phases ----

    /** Calls of one tenant in one phase. */
    private static final class Tally {
        final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger wrongData = new AtomicInteger();
        final AtomicInteger unanswered = new AtomicInteger();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        volatile long lastAnswer;

        int answered() {
            return nanos.size();
        }

        void problem(String text) {
            if (problems.size() < 5) {
                problems.add(text.length() > 300 ? text.substring(0, 300) + "..." : text);
            }
        }
    }

    private record Phase(String name, long start, long end, Map<String, Tally> tallies, Snapshot before,
            Snapshot after, Map<String, RequestStats> sandboxBefore, Map<String, RequestStats> sandboxAfter,
            Map<String, Integer> threadsByPool) {
        /** From the phase's start to its end, or to the tenant's last answer when that came later. */
        double seconds(String tenant) {
            return (Math.max(end, tallies.get(tenant).lastAnswer) - start) / 1e9;
        }
    }

    private Phase phase(String name, Duration length, Map<String, List<Session>> sessions, boolean saturate,
            Sampler sampler, ServerProcess server) throws Exception {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        TENANTS.forEach(t -> tallies.put(t, new Tally()));
        Snapshot before = snapshot(name + " start");
        Map<String, RequestStats> sandboxBefore = sandboxStats();
        sampler.phase = name;
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        List<CompletableFuture<?>> hammers = new ArrayList<>();
        if (saturate) {
            AtomicInteger budget = new AtomicInteger(HAMMER_MAX_CALLS);
            for (Session session : sessions.get(SATURATING)) {
                hammers.add(hammer(session, tallies.get(SATURATING), end, budget, session.served().get()));
            }
        }
        List<Thread> pacers = new ArrayList<>();
        ConcurrentLinkedQueue<CompletableFuture<?>> steady = new ConcurrentLinkedQueue<>();
        for (String tenant : TENANTS) {
            if (tenant.equals(SATURATING)) {
                continue;
            }
            Thread pacer = new Thread(() -> pace(sessions.get(tenant), tallies.get(tenant), start, length, steady),
                    "pace-" + tenant);
            pacer.start();
            pacers.add(pacer);
        }
        Map<String, Integer> threadsByPool = Map.of();
        if (saturate) { // in the middle of the phase: which pools the server's threads belong to
            Thread.sleep(length.toMillis() / 2); // pacing the load, not waiting for a condition
            threadsByPool = threadsByPool(server);
        }
        for (Thread pacer : pacers) {
            pacer.join(length.toMillis() + 10_000);
        }
        calls.addAll(steady);
        calls.addAll(hammers);
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .get(REQUEST_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
        sampler.phase = null;
        return new Phase(name, start, end, tallies, before, snapshot(name + " end"), sandboxBefore, sandboxStats(),
                threadsByPool);
    }

    /** Open loop: call i is sent at start + i / rate, whatever the answers before it took. */
    private void pace(List<Session> sessions, Tally tally, long start, Duration length,
            ConcurrentLinkedQueue<CompletableFuture<?>> out) {
        int count = (int) (STEADY_RATE * length.toSeconds());
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * 1e9 / STEADY_RATE);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not waiting for a condition
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Session session = sessions.get(i % sessions.size());
            out.add(call(session, STEADY_MIX.get(i % STEADY_MIX.size()), tally));
        }
    }

    /** Closed loop: the session's next call as soon as its last is answered, until {@code end} or the budget. */
    private CompletableFuture<Void> hammer(Session session, Tally tally, long end, AtomicInteger budget, int k) {
        if (System.nanoTime() >= end || budget.decrementAndGet() < 0) {
            return CompletableFuture.completedFuture(null);
        }
        Call next = HAMMER_MIX.get(Math.floorMod(k + session.id().hashCode(), HAMMER_MIX.size()));
        return call(session, next, tally).thenCompose(ignored -> hammer(session, tally, end, budget, k + 1));
    }

    /** One tools/call, timed and checked against its tenant's expected answer; never completes exceptionally. */
    private CompletableFuture<Void> call(Session session, Call call, Tally tally) {
        long sent = System.nanoTime();
        return mcp.callTool(tokens.get(session.tenant()), session.id(), call.tool(), call.arguments())
                .handle((result, failure) -> {
                    long now = System.nanoTime();
                    if (failure != null) {
                        tally.unanswered.incrementAndGet();
                        tally.problem(call + ": " + failure);
                    } else if (result.path("isError").asBoolean(false)) {
                        tally.errors.incrementAndGet();
                        tally.problem(call + ": " + result);
                    } else if (!normalised(result.path("structuredContent"))
                            .equals(expected.get(session.tenant()).get(call))) {
                        tally.wrongData.incrementAndGet();
                        tally.problem(call + ": not " + session.tenant() + "'s answer: " + result);
                    } else {
                        tally.nanos.add(now - sent);
                        tally.lastAnswer = Math.max(tally.lastAnswer, now);
                        session.served().incrementAndGet();
                    }
                    return null;
                });
    }

    /**
     * The answer of every load call, asked once per tenant beforehand: each load answer must equal its tenant's.
     * The tenants' data differ (other seeds), which is checked too, so an answer from another tenant is caught.
     */
    private void learnExpectedAnswers(Map<String, List<Session>> sessions) throws Exception {
        List<Call> all = new ArrayList<>(STEADY_MIX);
        all.addAll(HAMMER_MIX);
        for (String tenant : TENANTS) {
            Session session = sessions.get(tenant).get(0);
            Map<Call, JsonNode> answers = new HashMap<>();
            for (Call call : all) {
                JsonNode result = mcp.callTool(tokens.get(tenant), session.id(), call.tool(), call.arguments())
                        .get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(result.path("isError").asBoolean(false)).as(tenant + " " + call + ": " + result).isFalse();
                answers.put(call, normalised(result.path("structuredContent")));
            }
            expected.put(tenant, answers);
            // one fact checked against the tenant's own sandbox rather than against another answer
            String number = sandboxes.get(tenant).store().collection("invoices").render(7)
                    .path("invoice-number").asString();
            assertThat(answers.get(STEADY_MIX.get(0)).path("item").path("invoice_number").asString())
                    .as(tenant + "'s invoice 7").isEqualTo(number);
        }
        for (Call call : all) {
            assertThat(TENANTS.stream().map(t -> expected.get(t).get(call)).distinct().count())
                    .as("the tenants' answers to " + call + " differ").isEqualTo(TENANTS.size());
        }
    }

    /** Structured content without what changes from call to call (a scan's timing, a cursor). */
    private static JsonNode normalised(JsonNode content) {
        if (!(content instanceof ObjectNode object)) {
            return content;
        }
        ObjectNode copy = object.deepCopy();
        copy.remove("scan");
        copy.remove("next_cursor");
        return copy;
    }

    // ---- sessions ----

    private List<Session> open(String tenant, int count) throws Exception {
        List<CompletableFuture<String>> opening = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            opening.add(mcp.open(tokens.get(tenant)));
        }
        List<Session> sessions = new ArrayList<>();
        for (CompletableFuture<String> session : opening) {
            sessions.add(new Session(tenant, session.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    new AtomicInteger()));
        }
        return sessions;
    }

    /** DELETE of every session; how many were answered 200. */
    private int close(Map<String, List<Session>> sessions) throws Exception {
        List<CompletableFuture<Integer>> closing = new ArrayList<>();
        sessions.values().forEach(list -> list.forEach(
                session -> closing.add(mcp.close(tokens.get(session.tenant()), session.id()))));
        int ok = 0;
        for (CompletableFuture<Integer> status : closing) {
            ok += status.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS) == 200 ? 1 : 0;
        }
        return ok;
    }

    // ---- measurements ----

    /** One scrape of the server's /metrics: every sample by its name and labels. */
    private record Snapshot(String label, Map<String, Double> samples) {
        /** The sum of {@code name}'s samples carrying {@code tenant="<tenant>"} (null: all of them). */
        double metric(String name, String tenant) {
            return samples.entrySet().stream()
                    .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                    .filter(e -> tenant == null || e.getKey().contains("tenant=\"" + tenant + "\""))
                    .mapToDouble(Map.Entry::getValue).sum();
        }

        double heapMb() {
            return samples.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("jvm_memory_used_bytes{") && e.getKey().contains("area=\"heap\""))
                    .mapToDouble(Map.Entry::getValue).sum() / (1024 * 1024);
        }

        double threads() {
            return metric("jvm_threads_live_threads", null);
        }

        double cpu() {
            return metric("process_cpu_usage", null);
        }
    }

    private Snapshot snapshot(String label) {
        HttpResponse<String> scrape;
        try {
            scrape = mcp.get("/metrics", METRICS_TOKEN);
        } catch (Exception e) {
            throw new IllegalStateException("scraping /metrics failed", e);
        }
        assertThat(scrape.statusCode()).as("/metrics").isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : scrape.body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.isEmpty() || line.startsWith("#") || space < 0) {
                continue;
            }
            try {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (NumberFormatException ignored) {
                // a sample we do not read
            }
        }
        return new Snapshot(label, samples);
    }

    private Map<String, RequestStats> sandboxStats() {
        Map<String, RequestStats> stats = new LinkedHashMap<>();
        sandboxes.forEach((tenant, sandbox) -> stats.put(tenant, sandbox.control().stats()));
        return stats;
    }

    /**
     * Once a second while a phase runs: the server's heap, threads and CPU, and each sandbox's API requests in that
     * second (the peak shows whether a tenant's limit held second by second, not just on average).
     */
    private static final class Sampler {
        private static final int MAX_SAMPLES = 600;
        final Thread thread;
        volatile String phase;
        volatile boolean stopped;
        final Map<String, List<Snapshot>> snapshots = new ConcurrentHashMap<>();
        /** Per phase and tenant: the sandbox's API requests per second between two samples. */
        final Map<String, Map<String, List<Double>>> perSecond = new ConcurrentHashMap<>();

        private Sampler(TenantsLoadBenchmarkIT test) {
            thread = new Thread(() -> loop(test), "metrics-sampler");
        }

        static Sampler start(TenantsLoadBenchmarkIT test) {
            Sampler sampler = new Sampler(test);
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        private void loop(TenantsLoadBenchmarkIT test) {
            Map<String, Long> last = new HashMap<>();
            long lastAt = 0;
            for (int i = 0; i < MAX_SAMPLES && !stopped; i++) {
                String now = phase;
                long at = System.nanoTime();
                double seconds = (at - lastAt) / 1e9;
                lastAt = at;
                test.sandboxes.forEach((tenant, sandbox) -> {
                    RequestStats stats = sandbox.control().stats();
                    long api = stats.total() - stats.tokenRequests();
                    Long before = last.put(tenant, api);
                    if (now != null && before != null) {
                        perSecond.computeIfAbsent(now, p -> new ConcurrentHashMap<>())
                                .computeIfAbsent(tenant, t -> new ArrayList<>()).add((api - before) / seconds);
                    }
                });
                if (now != null) {
                    try {
                        snapshots.computeIfAbsent(now, p -> new ArrayList<>()).add(test.snapshot(now));
                    } catch (RuntimeException e) {
                        return;
                    }
                }
                try {
                    Thread.sleep(1000); // the sampling period
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join(10_000);
        }
    }

    private void print(double openSeconds, List<Snapshot> points, Phase baseline, Phase saturated, Sampler sampler) {
        System.out.printf("%nTenants load test: %d tenants x %d Streamable HTTP sessions (opened in %.1f s), each tenant "
                + "on its own sandbox (%.0f req/s, burst %d, +%d ms per request); phases of %d s after a %d s warm-up; "
                + "beta and gamma "
                + "at %.0f calls/s each, alpha's %d sessions closed-loop in phase B%n", TENANTS.size(),
                SESSIONS_PER_TENANT, openSeconds, SandboxOptions.DEFAULT_RATE_PER_SECOND, SandboxOptions.DEFAULT_BURST,
                UPSTREAM_LATENCY_MS, PHASE.toSeconds(), WARM_UP.toSeconds(), STEADY_RATE, SESSIONS_PER_TENANT);
        System.out.printf("%n%-24s %-7s %7s %8s %9s %9s %6s %8s %8s %7s %7s %8s%n", "phase", "tenant", "calls",
                "calls/s", "p50 ms", "p99 ms", "errors", "up req/s", "up peak", "429 srv", "429 sbx", "sessions");
        for (Phase phase : List.of(baseline, saturated)) {
            for (String tenant : TENANTS) {
                Tally tally = phase.tallies.get(tenant);
                RequestStats before = phase.sandboxBefore.get(tenant);
                RequestStats after = phase.sandboxAfter.get(tenant);
                long upstream = (after.total() - after.tokenRequests()) - (before.total() - before.tokenRequests());
                List<Double> seconds = sampler.perSecond.getOrDefault(phase.name, Map.of())
                        .getOrDefault(tenant, List.of());
                System.out.printf("%-24s %-7s %7d %8.1f %9.1f %9.1f %6d %8.1f %8.1f %7.0f %7d %8.0f%n", phase.name,
                        tenant, tally.answered(), tally.answered() / phase.seconds(tenant), percentile(tally, 50),
                        percentile(tally, 99), tally.errors.get() + tally.unanswered.get() + tally.wrongData.get(),
                        upstream / phase.seconds(tenant), seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                        phase.after.metric("coupa_mcp_upstream_rate_limited_total", tenant)
                                - phase.before.metric("coupa_mcp_upstream_rate_limited_total", tenant),
                        after.rateLimited() - before.rateLimited(),
                        peak(sampler, phase.name, s -> s.metric("coupa_mcp_sessions_active", tenant)));
            }
        }
        System.out.printf("%nbeta and gamma with alpha saturating vs without (phase B / phase A):%n");
        for (String tenant : TENANTS) {
            if (tenant.equals(SATURATING)) {
                continue;
            }
            Tally a = baseline.tallies.get(tenant);
            Tally b = saturated.tallies.get(tenant);
            System.out.printf("  %-6s p50 x%.2f  p99 x%.2f  calls/s x%.2f%n", tenant,
                    percentile(b, 50) / percentile(a, 50), percentile(b, 99) / percentile(a, 99),
                    (b.answered() / saturated.seconds(tenant)) / (a.answered() / baseline.seconds(tenant)));
        }
        System.out.printf("%nserver JVM (its /metrics)            heap MB  threads  cpu now%n");
        for (Snapshot point : points) {
            System.out.printf("  %-34s %7.0f %8.0f %4.0f%%%n", point.label, point.heapMb(), point.threads(),
                    point.cpu() * 100);
        }
        for (Phase phase : List.of(baseline, saturated)) {
            System.out.printf("  %-34s %7.0f %8.0f %4.0f%%   (peak heap, peak threads, mean cpu)%n", phase.name,
                    peak(sampler, phase.name, Snapshot::heapMb), peak(sampler, phase.name, Snapshot::threads),
                    sampler.snapshots.getOrDefault(phase.name, List.of()).stream().mapToDouble(Snapshot::cpu)
                            .average().orElse(0) * 100);
        }
    }

    /** The server's live threads by pool name (digits dropped), from a thread dump; empty when jcmd fails. */
    private static Map<String, Integer> threadsByPool(ServerProcess server) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(server.process().pid()), "Thread.print").redirectErrorStream(true).start();
        CompletableFuture<String> dump = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return "";
            }
        });
        if (!jcmd.waitFor(20, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            return Map.of();
        }
        Map<String, Integer> pools = new java.util.TreeMap<>();
        java.util.regex.Matcher thread = java.util.regex.Pattern.compile("(?m)^\"([^\"]*)\"")
                .matcher(dump.get(10, TimeUnit.SECONDS));
        while (thread.find()) {
            pools.merge(thread.group(1).replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        return pools;
    }

    private static void printPools(String when, Map<String, Integer> pools) {
        if (pools.isEmpty()) {
            return;
        }
        System.out.printf("%nserver threads by pool %s (jcmd Thread.print), pools of at least 5:%n", when);
        pools.entrySet().stream().filter(e -> e.getValue() >= 5)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %5d  %s%n", e.getValue(), e.getKey()));
        System.out.printf("  %5d  in all%n", pools.values().stream().mapToInt(Integer::intValue).sum());
    }

    private static double peak(Sampler sampler, String phase, java.util.function.ToDoubleFunction<Snapshot> value) {
        return sampler.snapshots.getOrDefault(phase, List.of()).stream().mapToDouble(value).max().orElse(0);
    }

    private static double percentile(Tally tally, int percentile) {
        long[] sorted = tally.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
