package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SandboxConcurrencyTest extends SandboxTestBase {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 25;

    @Test
    void concurrentReadsAndWritesAreConsistentAndFullyCounted() throws Exception {
        String token = token();
        sandbox.control().resetStats();
        sandbox.control().fault(FaultRule.onNth(FaultRule.Kind.STATUS, 503, 60).onPath("/api/invoices"));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<int[]>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                int[] statuses = new int[600];
                for (int i = 0; i < PER_THREAD; i++) {
                    HttpResponse<String> write = http.json("PUT", "/api/suppliers/" + (thread + 1), token,
                            "{\"display-name\":\"t" + thread + "-" + i + "\"}");
                    statuses[write.statusCode()]++;
                    HttpResponse<String> read = http.get("/api/invoices?limit=5&status=approved", token,
                            "application/json");
                    statuses[read.statusCode()]++;
                }
                return statuses;
            }));
        }
        int ok = 0;
        int unavailable = 0;
        for (Future<int[]> f : results) {
            int[] statuses = f.get(30, TimeUnit.SECONDS);
            ok += statuses[200];
            unavailable += statuses[503];
        }
        pool.shutdown();
        assertThat(unavailable).isEqualTo(1); // exactly the 60th invoices request, however threads interleave
        assertThat(ok + unavailable).isEqualTo(THREADS * PER_THREAD * 2);
        RequestStats stats = sandbox.control().stats();
        assertThat(stats.total()).isEqualTo(THREADS * PER_THREAD * 2);
        assertThat(stats.resource("suppliers")).isEqualTo(THREADS * PER_THREAD);
        for (int t = 0; t < THREADS; t++) {
            String name = SandboxHttp.parse(http.get("/api/suppliers/" + (t + 1), token, "application/json"))
                    .get("display-name").asString();
            assertThat(name).isEqualTo("t" + t + "-" + (PER_THREAD - 1));
        }
    }

    @Test
    void injectedLatencyHoldsNoServerThread() throws Exception {
        try (Sandbox small = Sandbox.start(SandboxOptions.builder().store(new FakeStore()).maxThreads(8)
                .tokenPropagationDelay(java.time.Duration.ZERO).rateLimitEnabled(false)
                .fault(FaultRule.latency(2_500).onPath("/api/invoices")).build())) {
            SandboxHttp client = new SandboxHttp(small);
            String t = client.accessToken(small.clientId(), small.clientSecret(), null);
            List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                slow.add(SandboxHttp.CLIENT.sendAsync(java.net.http.HttpRequest.newBuilder(client.uri("/api/invoices/1"))
                        .header("Authorization", "Bearer " + t).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()));
            }
            // 24 delayed requests exceed the 8 threads; a blocking delay would leave none for this one
            assertThat(client.get("/api/suppliers/1", t, "application/json").statusCode()).isEqualTo(200);
            assertThat(slow).noneMatch(java.util.concurrent.CompletableFuture::isDone);
            for (var f : slow) {
                assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void collectionActionsArePostedWithoutAnId() {
        HttpResponse<String> response = http.json("POST", "/api/invoices/create_and_submit", token(),
                "{\"invoice-number\":\"CAS-1\",\"supplier\":{\"id\":2}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(SandboxHttp.parse(response).get("status").asString()).isEqualTo("pending_approval");
        assertThat(http.json("POST", "/api/invoices/no_such_action", token(), "{}").statusCode()).isEqualTo(404);
        assertThat(http.json("POST", "/api/invoices/create_and_submit", readerToken(), "{}").statusCode())
                .isEqualTo(403);
    }
}
