package io.github.coupamcp.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GETs per second the sandbox serves over keep-alive with the rate limit off: 4 client threads sharing one
 * java.net.http client (one connection each), same JVM. Prints figures; asserts only that requests succeed.
 * Run: {@code mvn -B -o -Pbench test -Dtest=SandboxThroughputBenchmark}.
 */
@Tag("benchmark")
class SandboxThroughputBenchmark {
    private static final int THREADS = 4;
    private static final Duration WARMUP = Duration.ofSeconds(2);
    private static final Duration MEASURE = Duration.ofSeconds(5);
    private static final String FIELDS = "[\"id\",\"invoice-number\",\"status\",\"total\",\"invoice-date\","
            + "{\"supplier\":[\"id\",\"name\"]},{\"currency\":[\"code\"]}]";

    @Test
    void simpleGetsPerSecond() throws Exception {
        try (Sandbox sandbox = Sandbox.start(BenchmarkData.options().rateLimitEnabled(false)
                .tokenPropagationDelay(Duration.ZERO).build())) {
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = http.accessToken(sandbox.clientId(), sandbox.clientSecret(), null);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int invoices = sandbox.store().collection("invoices").size();
            long firstId = sandbox.store().collection("invoices").ids().first();
            System.out.printf("sandbox throughput: %d invoices, %d client threads, %s per run, %d cores%n", invoices,
                    THREADS, MEASURE, Runtime.getRuntime().availableProcessors());

            Map<String, IntFunction<HttpRequest>> scenarios = new LinkedHashMap<>();
            scenarios.put("GET /api/invoices/<id> (JSON, full record)", i -> request(sandbox, token,
                    "/api/invoices/" + (firstId + Math.floorMod(i * 7919L, Math.min(invoices, 5000))), "application/json"));
            scenarios.put("GET /api/invoices?limit=50&fields=[...] (JSON)", i -> request(sandbox, token,
                    "/api/invoices?limit=50&fields=" + FIELDS, "application/json"));
            scenarios.put("GET /api/invoices?order_by=id&id[gt]=N&limit=50&fields (keyset page)", i -> request(sandbox,
                    token, "/api/invoices?order_by=id&id[gt]=" + (firstId + Math.floorMod(i * 31L, Math.max(1, invoices - 50)))
                            + "&limit=50&fields=" + FIELDS, "application/json"));
            scenarios.put("GET /api/invoices?limit=50 (JSON, full records)", i -> request(sandbox, token,
                    "/api/invoices?limit=50", "application/json"));
            scenarios.put("GET /api/invoices/<id> (XML, full record)", i -> request(sandbox, token,
                    "/api/invoices/" + (firstId + Math.floorMod(i * 7919L, Math.min(invoices, 5000))), null));
            // one warm-up pass over every scenario first, so the JIT does not favour the later ones
            for (IntFunction<HttpRequest> scenario : scenarios.values()) {
                hammer(client, scenario, WARMUP);
            }
            for (Map.Entry<String, IntFunction<HttpRequest>> e : scenarios.entrySet()) {
                run(e.getKey(), client, e.getValue());
            }
            System.out.printf("request log total: %d%n", sandbox.control().stats().total());
        }
    }

    /** Keyset pages must cost the same near the end of 100k invoices as at the start; deep offsets do not. */
    @Test
    void keysetPagingAtLargeScale() throws Exception {
        long start = System.nanoTime();
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().scale(io.github.coupamcp.sandbox.data.Scale.LARGE)
                .rateLimitEnabled(false).tokenPropagationDelay(Duration.ZERO).build())) {
            long startMs = (System.nanoTime() - start) / 1_000_000;
            System.gc();
            long heapMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
            SandboxHttp http = new SandboxHttp(sandbox);
            String token = http.accessToken(sandbox.clientId(), sandbox.clientSecret(), null);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long last = sandbox.store().collection("invoices").ids().last();
            System.out.printf("large scale: %d invoices, started in %d ms, heap used after GC %d MB%n",
                    sandbox.store().collection("invoices").size(), startMs, heapMb);
            String f = "&fields=" + FIELDS;
            latency("first keyset page  order_by=id&id[gt]=0&limit=50", client, sandbox, token,
                    "/api/invoices?order_by=id&id[gt]=0&limit=50" + f);
            latency("last keyset page   order_by=id&id[gt]=" + (last - 50) + "&limit=50", client, sandbox, token,
                    "/api/invoices?order_by=id&id[gt]=" + (last - 50) + "&limit=50" + f);
            latency("desc keyset page   dir=desc&id[lt]=" + (last / 2), client, sandbox, token,
                    "/api/invoices?order_by=id&dir=desc&id[lt]=" + (last / 2) + "&limit=50" + f);
            latency("deep offset page   offset=50000&limit=50", client, sandbox, token,
                    "/api/invoices?offset=50000&limit=50" + f);
            latency("filtered keyset    status=approved&id[gt]=" + (last / 2), client, sandbox, token,
                    "/api/invoices?status=approved&order_by=id&id[gt]=" + (last / 2) + "&limit=50" + f);
            // the worst cases: every invoice is examined
            latency("full scan          supplier[name][contains]=zzz (no match)", client, sandbox, token,
                    "/api/invoices?supplier[name][contains]=zzz" + f, 3, 5);
            latency("full scan          invoice_lines[account][code]=nope", client, sandbox, token,
                    "/api/invoices?invoice_lines[account][code]=nope" + f, 3, 5);
            latency("full sort          order_by=total-with-taxes&dir=desc", client, sandbox, token,
                    "/api/invoices?order_by=total-with-taxes&dir=desc&limit=50" + f, 3, 5);
        }
    }

    private static void latency(String name, HttpClient client, Sandbox sandbox, String token, String pathAndQuery)
            throws Exception {
        latency(name, client, sandbox, token, pathAndQuery, 200, 100);
    }

    private static void latency(String name, HttpClient client, Sandbox sandbox, String token, String pathAndQuery,
            int warmups, int n) throws Exception {
        HttpRequest request = request(sandbox, token, pathAndQuery, "application/json");
        for (int i = 0; i < warmups; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new AssertionError(name + " answered " + r.statusCode());
            }
        }
        System.out.printf("  %-60s %8.2f ms/request%n", name, (System.nanoTime() - t0) / 1e6 / n);
    }

    private static HttpRequest request(Sandbox sandbox, String token, String pathAndQuery, String accept) {
        int q = pathAndQuery.indexOf('?');
        String uri = q < 0 ? pathAndQuery
                : pathAndQuery.substring(0, q + 1) + SandboxHttp.encodeQuery(pathAndQuery.substring(q + 1));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + uri))
                .header("Authorization", "Bearer " + token);
        if (accept != null) {
            b.header("Accept", accept);
        }
        return b.GET().build();
    }

    private static void run(String name, HttpClient client, IntFunction<HttpRequest> requests) throws Exception {
        long[] result = hammer(client, requests, MEASURE);
        double perSecond = result[0] / (MEASURE.toNanos() / 1e9);
        System.out.printf("  %-70s %8.0f req/s  (%d requests, %d failed, avg %d KB/response)%n", name, perSecond,
                result[0], result[1], result[0] == 0 ? 0 : result[2] / result[0] / 1024);
        if (result[1] > 0) {
            throw new AssertionError(result[1] + " requests failed in " + name);
        }
    }

    /** Returns {requests, failures, bytes}. */
    private static long[] hammer(HttpClient client, IntFunction<HttpRequest> requests, Duration duration)
            throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * 1_000_000;
                futures.add(pool.submit(() -> {
                    int i = offset;
                    while (System.nanoTime() < deadline) {
                        try {
                            HttpResponse<byte[]> r = client.send(requests.apply(i++), HttpResponse.BodyHandlers.ofByteArray());
                            if (r.statusCode() != 200) {
                                failed.incrementAndGet();
                            }
                            bytes.addAndGet(r.body().length);
                            done.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(duration.toSeconds() + 60, TimeUnit.SECONDS); // one request may still be finishing
            }
        } finally {
            pool.shutdownNow();
        }
        return new long[] {done.get(), failed.get(), bytes.get()};
    }
}
