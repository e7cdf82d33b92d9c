package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.node.ObjectNode;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallLimitedCatalogTest {
    /** Calls wait until released. */
    private static final class Waiting implements ToolCatalog {
        final AtomicInteger running = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<ToolDefinition> tools() {
            return List.of();
        }

        @Override
        public ToolOutcome call(String name, ObjectNode arguments) {
            running.incrementAndGet();
            try {
                release.await(20, TimeUnit.SECONDS);
                return ToolOutcome.success(Json.object(), "done");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ToolOutcome.error("interrupted");
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void theCallBeyondTheLimitIsRefusedAtOnceAndAFreedPermitServesTheNext() throws Exception {
        Waiting inner = new Waiting();
        CallLimitedCatalog limited = new CallLimitedCatalog(inner, 3);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<ToolOutcome>> running = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                running.add(CompletableFuture.supplyAsync(() -> limited.call("t", Json.object()), pool));
            }
            Await.until("3 calls running", Duration.ofSeconds(10), () -> inner.running.get() == 3);

            ToolOutcome refused = limited.call("t", Json.object());
            assertThat(refused.isError()).isTrue();
            assertThat(refused.text()).startsWith("Too many tool calls are running for this tenant at once (limit 3)")
                    .contains("max_concurrent_calls");

            inner.release.countDown();
            for (CompletableFuture<ToolOutcome> call : running) {
                assertThat(call.get(10, TimeUnit.SECONDS).isError()).isFalse();
            }
            assertThat(limited.call("t", Json.object()).isError()).isFalse();
        } finally {
            inner.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new CallLimitedCatalog(new Waiting(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
