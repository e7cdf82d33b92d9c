package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SerialSendTransportProviderTest {
    /** Refuses a send while another is in progress, as the SDK's stdio sink does once its spinning gives up. */
    private static final class OneAtATime implements McpServerTransport {
        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicInteger sent = new AtomicInteger();

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.defer(() -> {
                if (!busy.compareAndSet(false, true)) {
                    return Mono.error(new RuntimeException("Failed to enqueue message"));
                }
                try {
                    Thread.sleep(2); // the hand-over takes a moment, as on a busy machine
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    busy.set(false);
                }
                sent.incrementAndGet();
                return Mono.empty();
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return null;
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    @Test
    void concurrentAnswersAreAllSent() throws Exception {
        OneAtATime sdk = new OneAtATime();
        McpServerTransport transport = new SerialSendTransportProvider.SerialSendTransport(sdk);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> sends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            McpSchema.JSONRPCResponse answer = new McpSchema.JSONRPCResponse("2.0", i, "ok", null);
            sends.add(pool.submit(() -> {
                start.await();
                return transport.sendMessage(answer).block();
            }));
        }
        start.countDown();
        for (Future<?> send : sends) {
            send.get(10, TimeUnit.SECONDS); // throws if a send failed
        }
        pool.shutdownNow();
        assertThat(sdk.sent).hasValue(200);
    }
}
