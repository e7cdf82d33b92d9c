package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * Keep-alive connections the server side has closed (a load balancer dropping idle connections): they cost neither
 * an attempt nor a circuit breaker failure, and a write never travels on one.
 */
class HttpCoupaClientConnectionTest extends ClientTestSupport {

    @Test
    void aGetAfterTheServerClosedEveryPooledConnectionSucceedsOnAFreshOne() throws Exception {
        int pooled = 4;
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(3));
        leaveClosedConnectionsInThePool(client, pooled);
        stub.fallback(r -> json(200, "[{\"id\":1}]"));

        assertThat(client.list("invoices", CoupaQuery.all())).hasSize(1);

        RecordedRequest last = stub.apiRequests.get(stub.apiRequests.size() - 1);
        assertThat(last.getExchangeIndex()).as("answered on a new connection").isZero();
        assertThat(client.metrics().ioErrors()).as("no failure seen by the retry loop or the breaker").isZero();
        assertThat(client.metrics().retries()).isZero();
        assertThat(client.metrics().requests()).isEqualTo(pooled + 1);
    }

    @Test
    void aWriteNeverTravelsOnAPooledConnection() throws Exception {
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(3));
        leaveClosedConnectionsInThePool(client, 3);
        stub.fallback(r -> json(201, "{\"id\":5}"));

        assertThat(client.create("invoices", Json.object().put("invoice-number", "X-1"), null).get("id").asInt())
                .isEqualTo(5);
        assertThat(stub.apiRequests.get(stub.apiRequests.size() - 1).getExchangeIndex()).isZero();
        assertThat(client.metrics().ioErrors()).isZero();
    }

    /**
     * Runs {@code count} concurrent GETs, each answered on its own connection which the server closes right after the
     * answer (without saying {@code Connection: close}), so the client pools {@code count} dead connections.
     */
    private void leaveClosedConnectionsInThePool(HttpCoupaClient client, int count) throws Exception {
        CountDownLatch allArrived = new CountDownLatch(count);
        stub.fallback(r -> {
            allArrived.countDown();
            try {
                allArrived.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .body("[]").onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
        });
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(pool.submit(() -> client.list("invoices", CoupaQuery.all())));
            }
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stub.apiRequests).extracting(RecordedRequest::getConnectionIndex).doesNotHaveDuplicates()
                .hasSize(count);
    }
}
