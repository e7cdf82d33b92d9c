package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static io.github.coupamcp.coupa.CoupaStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.coupa.http.ClientRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Token requests go through their connection's guards like API calls: a permit of its rate limit, its adaptive limit
 * and pause after a 429, its circuit breaker for upstream failures (never for a refused secret).
 */
class TokenRequestGuardsTest extends ClientTestSupport {

    @Test
    void aTokenRequestTakesAPermitOfItsConnectionsLimit() {
        stub.fallback(r -> json(200, "[]"));
        HttpCoupaClient client = client(b -> b.rateLimit(2, 2));
        Instant start = clock.instant();
        client.list("invoices", CoupaQuery.all());

        // the eager token request took the first permit: the call's own comes one slot (500 ms) later
        assertThat(client.metrics().permitWaits()).isEqualTo(1);
        assertThat(Duration.between(start, clock.instant())).isBetween(Duration.ofMillis(450),
                Duration.ofMillis(550));
    }

    @Test
    void aTokenEndpoint429LowersTheConnectionsLimitAndPausesItsApiCallsToo() throws Exception {
        // The token thread's wait after the 429 blocks until released, so the test can call meanwhile.
        CountDownLatch tokenRetryWaiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean blockNext = new AtomicBoolean(true);
        ClientRuntime runtime = new ClientRuntime(clock, d -> {
            if (d.compareTo(Duration.ofSeconds(1)) >= 0 && blockNext.getAndSet(false)) {
                tokenRetryWaiting.countDown();
                release.await(5, TimeUnit.SECONDS);
            }
            clock.sleep(d);
        }, () -> 1.0);
        stub.expiresIn(3600);
        HttpCoupaClient client = HttpCoupaClient.create(config().rateLimit(20, 20).build(), runtime);
        clients.add(client);
        HttpCoupaClient other = warmClient(b -> b.rateLimit(20, 20));
        client.awaitToken();
        List<Instant> sentAt = new CopyOnWriteArrayList<>();
        CountDownLatch firstCallSent = new CountDownLatch(1);
        stub.fallback(r -> {
            sentAt.add(clock.instant());
            firstCallSent.countDown();
            return json(200, "[]");
        });
        clock.advance(Duration.ofMinutes(51)); // due for refresh, still valid
        stub.enqueueToken(new MockResponse.Builder().code(429).setHeader("Retry-After", "4").build());
        // the refresh's 429 comes after the first call got its permit, else that call would wait out the pause
        stub.beforeToken(() -> {
            try {
                firstCallSent.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        try {
            client.list("invoices", CoupaQuery.all()); // starts the refresh, which meets the 429
            assertThat(tokenRetryWaiting.await(5, TimeUnit.SECONDS)).as("token request waiting to retry").isTrue();
            Instant limited = clock.instant();
            assertThat(client.metrics().rateLimit()).isEqualTo(10.0);
            assertThat(client.metrics().rateLimited()).isEqualTo(1);

            // another connection to the same instance is neither lowered nor paused: it calls at once, during the
            // first one's pause (nothing moves the shared test clock meanwhile: the token thread is held)
            other.list("invoices", CoupaQuery.all());
            assertThat(sentAt).hasSize(2);
            assertThat(Duration.between(limited, sentAt.get(1))).isLessThan(Duration.ofSeconds(1));
            assertThat(other.metrics().rateLimit()).isEqualTo(20.0);

            // an API call of the same connection waits out the token endpoint's Retry-After too
            client.list("invoices", CoupaQuery.all());
            assertThat(sentAt).hasSize(3);
            assertThat(Duration.between(limited, sentAt.get(2))).isBetween(Duration.ofSeconds(4),
                    Duration.ofMillis(4_100));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aTokenEndpoint503StormOpensTheConnectionsCircuitAndTheNextTokenRequestFailsFast() {
        for (int i = 0; i < 10; i++) {
            stub.enqueueToken(status(503));
        }
        HttpCoupaClient client = client(b -> b.maxAttempts(1).circuitOpenDuration(Duration.ofSeconds(30)));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(client::awaitToken).isInstanceOf(CoupaException.ServerError.class);
        }
        assertThat(stub.tokenRequests).hasSize(10);

        assertThatThrownBy(client::awaitToken).isInstanceOfSatisfying(CoupaException.CircuitOpen.class,
                e -> assertThat(e.getMessage()).contains("circuit breaker opened", "for about 30 s more",
                        "try again after that").doesNotContain(SECRET, "Exception"));
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.CircuitOpen.class);
        // each caller is told once, by one token request of its own (refused in microseconds: a race to get right)
        for (int i = 0; i < 30; i++) {
            assertThatThrownBy(client::awaitToken).isInstanceOf(CoupaException.CircuitOpen.class);
        }
        assertThat(client.metrics().circuitRejections()).isEqualTo(32);
        assertThat(stub.tokenRequests).as("nothing sent while open").hasSize(10);
        assertThat(stub.apiRequests).isEmpty();
        assertThat(client.notReady()).contains("paused");

        // after the open period a trial token request goes through and the connection recovers
        clock.advance(Duration.ofSeconds(31));
        client.awaitToken();
        stub.enqueue(json(200, "[]"));
        assertThat(client.list("invoices", CoupaQuery.all())).isEmpty();
    }

    @Test
    void aRefusedSecretNeverCountsTowardTheCircuit() {
        for (int i = 0; i < 12; i++) {
            stub.enqueueToken(json(401, "{\"error\":\"invalid_client\"}"));
        }
        HttpCoupaClient client = client(b -> b.maxAttempts(1));
        for (int i = 0; i < 12; i++) {
            assertThatThrownBy(client::awaitToken).isInstanceOf(CoupaException.InvalidCredentials.class)
                    .hasMessageNotContaining(SECRET);
        }
        // the operator fixed the secret: the next request is sent, not refused by an open circuit
        client.awaitToken();
        assertThat(stub.tokenRequests).hasSize(13);
        assertThat(client.circuitState()).isEqualTo("CLOSED");
        assertThat(client.metrics().tokenFetches()).isEqualTo(13);
    }
}
