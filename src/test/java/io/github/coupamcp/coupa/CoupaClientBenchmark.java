package io.github.coupamcp.coupa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.scan.Fold;
import io.github.coupamcp.coupa.scan.ScanEngine;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.coupa.scan.ScanResult;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.RequestStats;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client against the sandbox at MEDIUM scale. Prints figures; asserts only correctness (every record once, one
 * token), never timings. Run: {@code mvn -B -o -Pbench test -Dtest=CoupaClientBenchmark}.
 * <ol>
 *   <li>Full scan (the scan engine) of the invoices matching a filter: upstream requests vs the minimum ceil(N/50), token requests,
 *       wall time, peak heap.</li>
 *   <li>4 concurrent consumers against a sandbox limited to 25 req/s (burst 20): goodput as a fraction of the allowed
 *       rate and share of 429 answers, this client side by side with a naive one (fixed retry, no limiter).</li>
 * </ol>
 */
@Tag("benchmark")
class CoupaClientBenchmark {
    private static final double RATE = 25.0;
    private static final int BURST = 20;
    private static final int CONSUMERS = 4;
    private static final Duration RUN = Duration.ofSeconds(12);
    private static final Duration PROPAGATION = Duration.ofSeconds(1);
    private static final Fields PROJECTION = Fields.of("id", "invoice-number", "status", "total",
            Fields.nested("supplier", "id", "name"));

    @Test
    void fullScanAndRateLimitedGoodput() throws Exception {
        SandboxOptions options = SandboxOptions.builder().port(0).scale(Scale.MEDIUM).seed(42)
                .tokenPropagationDelay(PROPAGATION).rateLimit(RATE, BURST).rateLimitEnabled(true).retryAfter(true)
                .build();
        try (Sandbox sandbox = Sandbox.start(options)) {
            System.out.printf("%n=== coupa client benchmark (sandbox MEDIUM, %d cores) ===%n",
                    Runtime.getRuntime().availableProcessors());
            fullScan(sandbox);
            rateLimited(sandbox);
        }
    }

    private void fullScan(Sandbox sandbox) throws InterruptedException {
        sandbox.control().resetStats();
        resetPeakHeap();
        HttpCoupaClient client = HttpCoupaClient.create(config(sandbox).build());
        try {
            // What a server start does: the token is requested at once and propagates while the rest starts.
            client.awaitToken();
            Thread.sleep(PROPAGATION.toMillis());
            CoupaQuery query = CoupaQuery.builder().filter("status", Op.IN, "approved", "pending_approval", "voided")
                    .fields(PROJECTION).build();
            long start = System.nanoTime();
            ScanResult<long[]> scan = new ScanEngine(client).scan("invoices", query, new Fold<long[]>() {
                @Override
                public long[] newAccumulator() {
                    return new long[2];
                }

                @Override
                public void accept(long[] countAndChecksum, ObjectNode record) {
                    countAndChecksum[0]++;
                    countAndChecksum[1] += record.get("id").asLong();
                }

                @Override
                public long[] merge(long[] left, long[] right) {
                    return new long[] {left[0] + right[0], left[1] + right[1]};
                }
            }, ScanOptions.defaults());
            long records = scan.value()[0];
            long checksum = scan.value()[1];
            double seconds = (System.nanoTime() - start) / 1e9;
            RequestStats stats = sandbox.control().stats();
            long expected = sandbox.store().collection("invoices").ids().stream()
                    .filter(id -> List.of("approved", "pending_approval", "voided")
                            .contains(sandbox.store().collection("invoices").render(id).path("status").asString()))
                    .count();
            long minimum = (records + 49) / 50;
            System.out.printf("%n[1] full scan (scan engine, default concurrency) of invoices with status in (approved, "
                    + "pending_approval, voided)%n");
            System.out.printf("    records fetched            %d (expected %d, id checksum %d)%n", records, expected,
                    checksum);
            System.out.printf("    upstream GET requests      %d (minimum ceil(N/50) = %d, ratio %.3f)%n",
                    stats.resource("invoices"), minimum, stats.resource("invoices") / (double) minimum);
            System.out.printf("    token requests             %d%n", stats.tokenRequests());
            System.out.printf("    429 answers                %d%n", stats.rateLimited());
            System.out.printf("    wall time                  %.2f s (%.1f records/s; rate limit %.0f req/s)%n",
                    seconds, records / seconds, RATE);
            System.out.printf("    peak heap (JVM incl. sandbox) %d MiB%n", peakHeapMiB());
            System.out.printf("    client metrics             %s%n", client.metrics());
            assertThat(records).isEqualTo(expected);
            assertThat(stats.tokenRequests()).isEqualTo(1);
        } finally {
            client.close();
        }
    }

    private void rateLimited(Sandbox sandbox) throws Exception {
        System.out.printf("%n[2] %d concurrent consumers, sandbox limited to %.0f req/s burst %d, %d s per client%n",
                CONSUMERS, RATE, BURST, RUN.toSeconds());
        HttpCoupaClient client = HttpCoupaClient.create(config(sandbox).build());
        client.awaitToken();
        Thread.sleep(PROPAGATION.toMillis() + 200);
        Result ours = measure(sandbox, "coupa-mcp client (limiter + backoff)", () -> {
            client.list("invoices", CoupaQuery.builder().fields(PROJECTION).limit(50).build());
            return true;
        });
        client.close();

        NaiveClient naive = new NaiveClient(sandbox);
        Thread.sleep(PROPAGATION.toMillis() + 200);
        Result theirs = measure(sandbox, "naive client (fixed 100 ms retry, no limiter)", naive::listOnce);

        System.out.printf("    goodput ratio (ours / naive)    %.2f%n", ours.goodput() / theirs.goodput());
        System.out.printf("    429 share: ours %.1f%% vs naive %.1f%% (targets: goodput >= 90%%, 429s <= 5%%)%n",
                100 * ours.share429(), 100 * theirs.share429());
    }

    private Result measure(Sandbox sandbox, String name, Callable<Boolean> call) throws Exception {
        sandbox.control().resetStats();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + RUN.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CONSUMERS);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < CONSUMERS; i++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            if (call.call()) {
                                ok.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(RUN.toSeconds() + 60, TimeUnit.SECONDS); // one call may still be finishing
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        RequestStats stats = sandbox.control().stats();
        long api = stats.resource("invoices");
        Result r = new Result(ok.get() / seconds / RATE, api == 0 ? 0 : stats.rateLimited() / (double) api);
        // The sandbox's bucket starts full: BURST requests come free on top of the rate.
        double steady = Math.max(0, ok.get() - BURST) / seconds / RATE;
        System.out.printf("    %s%n      ok %d, failed %d in %.1f s | upstream requests %d (%.2f per success), 429s %d%n"
                        + "      goodput %.1f req/s = %.0f%% of allowed (%.0f%% without the initial burst) | 429 share "
                        + "%.1f%%%n", name, ok.get(), failed.get(), seconds, api, api / (double) Math.max(1, ok.get()),
                stats.rateLimited(), ok.get() / seconds, 100 * r.goodput(), 100 * steady, 100 * r.share429());
        return r;
    }

    private record Result(double goodput, double share429) {}

    private static CoupaConfig.Builder config(Sandbox sandbox) {
        return CoupaConfig.builder().instanceUrl(sandbox.baseUrl()).clientId(sandbox.clientId())
                .clientSecret(sandbox.clientSecret()).scopes(Sandbox.scopesOf(sandbox.store()))
                .tokenPropagationDelay(PROPAGATION).rateLimit(RATE, BURST);
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    /** What a hurried integration does: one token, hammer the API, on 429 sleep a fixed 100 ms and try again. */
    private static final class NaiveClient {
        private static final int MAX_TRIES = 10;
        private final OkHttpClient http = new OkHttpClient();
        private final Sandbox sandbox;
        private final String token;

        NaiveClient(Sandbox sandbox) throws IOException {
            this.sandbox = sandbox;
            Request tokenRequest = new Request.Builder().url(sandbox.baseUrl() + "/oauth2/token")
                    .post(new FormBody.Builder().add("grant_type", "client_credentials")
                            .add("client_id", sandbox.clientId()).add("client_secret", sandbox.clientSecret())
                            .add("scope", "core.invoice.read").build())
                    .header("Accept", "application/json").build();
            try (Response r = http.newCall(tokenRequest).execute()) {
                this.token = Json.MAPPER.readTree(r.body().string()).get("access_token").asString();
            }
        }

        boolean listOnce() throws IOException, InterruptedException {
            HttpUrl url = HttpUrl.get(sandbox.baseUrl() + "/api/invoices").newBuilder()
                    .addQueryParameter("fields", PROJECTION.toParam()).addQueryParameter("limit", "50").build();
            Request request = new Request.Builder().url(url).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token).build();
            for (int i = 0; i < MAX_TRIES; i++) {
                try (Response r = http.newCall(request).execute()) {
                    r.body().string();
                    if (r.code() == 200) {
                        return true;
                    }
                    if (r.code() != 429) {
                        return false;
                    }
                }
                Thread.sleep(100);
            }
            return false;
        }
    }
}
