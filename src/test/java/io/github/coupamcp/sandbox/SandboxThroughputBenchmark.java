package io.github.coupamcp.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

            run("GET /api/invoices/<id> (JSON, full record)", client, i -> request(sandbox, token,
                    "/api/invoices/" + (firstId + Math.floorMod(i * 7919L, Math.min(invoices, 5000))), "application/json"));
            run("GET /api/invoices?limit=50&fields=[...] (JSON)", client, i -> request(sandbox, token,
                    "/api/invoices?limit=50&fields=" + FIELDS, "application/json"));
            run("GET /api/invoices?order_by=id&id[gt]=N&limit=50&fields (keyset page)", client, i -> request(sandbox,
                    token, "/api/invoices?order_by=id&id[gt]=" + (firstId + Math.floorMod(i * 31L, Math.max(1, invoices - 50)))
                            + "&limit=50&fields=" + FIELDS, "application/json"));
            run("GET /api/invoices?limit=50 (JSON, full records)", client, i -> request(sandbox, token,
                    "/api/invoices?limit=50", "application/json"));
            run("GET /api/invoices/<id> (XML, full record)", client, i -> request(sandbox, token,
                    "/api/invoices/" + (firstId + Math.floorMod(i * 7919L, Math.min(invoices, 5000))), null));
            System.out.printf("request log total: %d%n", sandbox.control().stats().total());
        }
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
        hammer(client, requests, WARMUP);
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
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new long[] {done.get(), failed.get(), bytes.get()};
    }
}
