package io.github.coupamcp.coupa;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.scan.IdsFold;
import io.github.coupamcp.coupa.scan.ScanEngine;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.sandbox.RateLimitSettings;
import io.github.coupamcp.sandbox.RequestStats;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The adaptive rate limit against a sandbox that allows less than the client is configured for, and what it costs
 * when Coupa allows the configured rate. Prints figures, asserts nothing about timings.
 * Run: {@code mvn -B -o -Pbench test -Dtest=AdaptiveRateLimitBenchmark}.
 * <ol>
 *   <li>Sandbox at 5 req/s burst 2 (with and without Retry-After), client at 25: 20 concurrent workers making list
 *       calls plus one full keyset scan. Upstream requests, 429 share overall and after the first 3 s (target
 *       &lt; 5 %), goodput as a fraction of 5 req/s (target &gt;= 90 %); the fixed limiter in the same scenario.</li>
 *   <li>Sandbox at 25 req/s burst 20, client at 25: adaptive and fixed limiter side by side, twice each,
 *       alternating (throughput, 429s).</li>
 * </ol>
 */
@Tag("benchmark")
class AdaptiveRateLimitBenchmark {
    private static final int WORKERS = 20;
    private static final Duration WARM_UP = Duration.ofSeconds(3);

    @Test
    void adaptiveLimitUnderALowerRealLimitAndAtTheConfiguredOne() throws Exception {
        SandboxOptions options = SandboxOptions.builder().port(0).scale(Scale.SMALL).seed(42)
                .tokenPropagationDelay(Duration.ZERO).rateLimit(5, 2).rateLimitEnabled(true).retryAfter(true)
                .requestLogSize(20_000).build();
        try (Sandbox sandbox = Sandbox.start(options)) {
            System.out.printf("%n=== adaptive rate limit benchmark (%d cores) ===%n",
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("%n[1] sandbox 5 req/s burst 2, client configured at 25 req/s: %d workers x 8 list "
                    + "calls + 1 full scan%n", WORKERS);
            for (boolean retryAfter : new boolean[] {true, false}) {
                RateLimitSettings low = new RateLimitSettings(true, 5, 2, retryAfter);
                run(sandbox, low, true, 8).print("adaptive, Retry-After " + (retryAfter ? "sent" : "absent"), 5);
                run(sandbox, low, false, 8).print("fixed,    Retry-After " + (retryAfter ? "sent" : "absent"), 5);
            }
            System.out.printf("%n[2] sandbox 25 req/s burst 20 (Retry-After sent), client at 25 req/s: %d workers x "
                    + "15 list calls + 1 full scan, alternating%n", WORKERS);
            RateLimitSettings full = new RateLimitSettings(true, 25, 20, true);
            List<Run> adaptive = new ArrayList<>();
            List<Run> fixed = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                fixed.add(run(sandbox, full, false, 15));
                fixed.get(round).print("fixed    (round " + (round + 1) + ")", 25);
                adaptive.add(run(sandbox, full, true, 15));
                adaptive.get(round).print("adaptive (round " + (round + 1) + ")", 25);
            }
            double a = adaptive.stream().mapToDouble(Run::throughput).average().orElse(0);
            double f = fixed.stream().mapToDouble(Run::throughput).average().orElse(0);
            System.out.printf("    throughput adaptive / fixed = %.3f (%.2f vs %.2f successful req/s); 429s %d vs %d%n",
                    a / f, a, f, adaptive.stream().mapToLong(Run::rateLimited).sum(),
                    fixed.stream().mapToLong(Run::rateLimited).sum());
        }
    }

    private static Run run(Sandbox sandbox, RateLimitSettings server, boolean adaptive, int callsPerWorker)
            throws Exception {
        CoupaConfig config = CoupaConfig.builder().instanceUrl(sandbox.baseUrl()).clientId(sandbox.clientId())
                .clientSecret(sandbox.clientSecret()).scopes(Sandbox.scopesOf(sandbox.store()))
                .tokenPropagationDelay(Duration.ZERO).rateLimitAdaptive(adaptive).build();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
        try (HttpCoupaClient client = HttpCoupaClient.create(config)) {
            client.awaitToken();
            sandbox.control().rateLimit(server); // a full bucket, as after a quiet spell
            sandbox.control().resetStats();
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            List<Future<?>> jobs = new ArrayList<>();
            jobs.add(pool.submit(() -> {
                try {
                    new ScanEngine(client).scan("invoices", CoupaQuery.builder().fields(Fields.of("id", "status"))
                            .build(), new IdsFold(), ScanOptions.defaults().withConcurrency(1).withMaxRequests(100));
                    ok.incrementAndGet();
                } catch (CoupaException e) {
                    failed.incrementAndGet();
                }
            }));
            for (int w = 0; w < WORKERS; w++) {
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < callsPerWorker; i++) {
                        try {
                            client.list("suppliers", CoupaQuery.builder().limit(5).build());
                            ok.incrementAndGet();
                        } catch (CoupaException e) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> job : jobs) {
                job.get(5, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            RequestStats stats = sandbox.control().stats();
            Instant warm = start.plus(WARM_UP);
            long late = 0;
            long late429 = 0;
            long late200 = 0;
            for (RequestStats.Entry e : stats.recent()) {
                if (e.path().startsWith("/api/") && !e.at().isBefore(warm)) {
                    late++;
                    late429 += e.status() == 429 ? 1 : 0;
                    late200 += e.status() == 200 ? 1 : 0;
                }
            }
            long api = stats.resource("suppliers") + stats.resource("invoices");
            return new Run(ok.get(), failed.get(), seconds, api, stats.status(200), stats.rateLimited(), late,
                    late429, late200, client.metrics().rateLimit(), client.metrics().permitWaits(),
                    client.metrics().permitWaitMillis());
        } finally {
            pool.shutdownNow();
        }
    }

    private record Run(long ok, long failed, double seconds, long upstream, long accepted, long rateLimited,
            long late, long late429, long late200, double finalLimit, long permitWaits, long permitWaitMillis) {
        double throughput() {
            return accepted / seconds;
        }

        void print(String name, double allowed) {
            double lateSeconds = Math.max(1e-9, seconds - WARM_UP.toSeconds());
            System.out.printf("    %s: calls ok %d, failed %d in %.1f s | upstream requests %d, 429s %d (%.1f%%), "
                            + "after %d s %.1f%% | goodput %.2f req/s = %.0f%% of %.0f (after %d s: %.0f%%) | "
                            + "limit at the end %.2f req/s, permit waits %d (%.1f s in all)%n",
                    name, ok, failed, seconds, upstream, rateLimited, 100.0 * rateLimited / Math.max(1, upstream),
                    WARM_UP.toSeconds(), 100.0 * late429 / Math.max(1, late), throughput(),
                    100 * throughput() / allowed, allowed, WARM_UP.toSeconds(),
                    100 * late200 / lateSeconds / allowed, finalLimit, permitWaits, permitWaitMillis / 1000.0);
        }
    }
}
