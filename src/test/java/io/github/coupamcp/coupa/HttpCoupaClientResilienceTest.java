package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static io.github.coupamcp.coupa.CoupaStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Faults: 429, 5xx, I/O errors, deadlines and the circuit breaker, on a fake clock. */
class HttpCoupaClientResilienceTest extends ClientTestSupport {

    @Test
    void honoursRetryAfterInSeconds() {
        stub.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build());
        stub.enqueue(json(200, "[{\"id\":1}]"));
        HttpCoupaClient client = warmClient();

        assertThat(client.list("invoices", CoupaQuery.all())).hasSize(1);
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3));
        assertThat(client.metrics().rateLimited()).isEqualTo(1);
        assertThat(client.metrics().retries()).isEqualTo(1);
        assertThat(client.metrics().requests()).isEqualTo(2);
        // One logical call: the same request id on both exchanges.
        assertThat(stub.apiRequests.get(0).getHeaders().get("X-Request-Id"))
                .isEqualTo(stub.apiRequests.get(1).getHeaders().get("X-Request-Id"));
    }

    @Test
    void honoursRetryAfterAsHttpDate() {
        HttpCoupaClient client = warmClient();
        String inSevenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(clock.instant().plusSeconds(7).atOffset(ZoneOffset.UTC));
        stub.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", inSevenSeconds).build());
        stub.enqueue(json(200, "[]"));

        client.list("invoices", CoupaQuery.all());
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void honoursRetryAfterOnGatewayErrors(int code) {
        stub.enqueue(new MockResponse.Builder().code(code).setHeader("Retry-After", "4").build());
        stub.enqueue(json(200, "[{\"id\":1}]"));
        HttpCoupaClient client = warmClient();

        assertThat(client.list("invoices", CoupaQuery.all())).hasSize(1);
        // Not the 250 ms backoff: Coupa's own estimate wins.
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void backsOffExponentiallyWithoutRetryAfter() {
        stub.enqueue(status(429)).enqueue(status(429)).enqueue(status(429));
        stub.enqueue(json(200, "[]"));
        HttpCoupaClient client = warmClient();

        client.list("invoices", CoupaQuery.all());
        // Jitter fixed at its maximum: 250 ms, 500 ms, 1 s.
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofSeconds(1));
    }

    @Test
    void retries503ThenSucceeds() {
        stub.enqueue(status(503)).enqueue(json(200, "[{\"id\":9}]"));
        HttpCoupaClient client = warmClient();

        assertThat(client.list("invoices", CoupaQuery.all())).hasSize(1);
        assertThat(client.metrics().serverErrors()).isEqualTo(1);
        assertThat(client.metrics().retries()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 504})
    void retriesGatewayErrors(int code) {
        stub.enqueue(status(code)).enqueue(json(200, "{\"id\":3}"));
        assertThat(warmClient().get("invoices", 3, null).get("id").asLong()).isEqualTo(3);
        assertThat(stub.apiRequests).hasSize(2);
    }

    @Test
    void givesUpAfterMaxAttemptsWithRetryableServerError() {
        stub.fallback(r -> status(503));
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(3));

        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.ServerError.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.method()).isEqualTo("GET");
                    assertThat(e.path()).isEqualTo("/api/invoices");
                    assertThat(e.requestId()).isNotBlank();
                    assertThat(e.getMessage()).contains("503", "3 attempt");
                });
        assertThat(stub.apiRequests).hasSize(3);
        assertThat(client.metrics().failures()).isEqualTo(1);
    }

    @Test
    void exhausted429sAreRateLimited() {
        stub.fallback(r -> new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(4));

        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.RateLimited.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(stub.apiRequests).hasSize(4);
        assertThat(client.metrics().rateLimited()).isEqualTo(4);
    }

    @Test
    void stopsWhenRetryAfterWouldPassTheDeadline() {
        stub.fallback(r -> new MockResponse.Builder().code(429).setHeader("Retry-After", "120").build());
        HttpCoupaClient client = warmClient(b -> b.retryDeadline(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.RateLimited.class);
        assertThat(stub.apiRequests).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void totalDeadlineBoundsBackoff() {
        stub.fallback(r -> status(503));
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(20).backoff(Duration.ofSeconds(1),
                Duration.ofSeconds(10)).retryDeadline(Duration.ofSeconds(10)));

        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.ServerError.class);
        // 1 + 2 + 4 = 7 s slept; the next 8 s wait would pass the 10 s deadline.
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4));
    }

    @Test
    void postIsNotRetriedOn503() {
        stub.enqueue(status(503)).enqueue(json(201, "{\"id\":1}"));
        HttpCoupaClient client = warmClient();

        assertThatThrownBy(() -> client.create("invoices", Json.object().put("invoice-number", "X"), null))
                .isInstanceOfSatisfying(CoupaException.ServerError.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.method()).isEqualTo("POST");
                });
        assertThat(stub.apiRequests).hasSize(1);
        assertThat(client.metrics().retries()).isZero();
    }

    @Test
    void actionsAreNotRetriedOn429OrTimeout() {
        stub.enqueue(status(429));
        HttpCoupaClient client = warmClient(b -> b.readTimeout(Duration.ofMillis(200)));
        assertThatThrownBy(() -> client.action("invoices", 4, "submit", null, null))
                .isInstanceOf(CoupaException.RateLimited.class);
        stub.enqueue(new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).body("{}").build());
        assertThatThrownBy(() -> client.action("invoices", 4, "submit", null, null))
                .isInstanceOf(CoupaException.Unavailable.class);
        assertThat(stub.apiRequests).hasSize(2);
    }

    @Test
    void connectFailureIsRetriedEvenForPostBecauseNothingWasSent() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        HttpCoupaClient client = warmClient(b -> b.instanceUrl("http://127.0.0.1:" + closedPort)
                .tokenUrl("http://127.0.0.1:" + server.getPort() + "/oauth2/token").maxAttempts(3));

        assertThatThrownBy(() -> client.create("invoices", Json.object(), null))
                .isInstanceOfSatisfying(CoupaException.Unavailable.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("could not connect");
                });
        assertThat(client.metrics().ioErrors()).isEqualTo(3);
        assertThat(client.metrics().retries()).isEqualTo(2);
    }

    @Test
    void readTimeoutOnGetIsRetriedThenUnavailable() {
        stub.fallback(r -> new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).body("[]").build());
        HttpCoupaClient client = warmClient(b -> b.readTimeout(Duration.ofMillis(150)).maxAttempts(2));

        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.Unavailable.class, e -> assertThat(e.getMessage())
                        .contains("did not answer within the 150 ms read timeout on GET /api/invoices")
                        .endsWith("(gave up after 2 attempts)"));
        assertThat(client.metrics().ioErrors()).isEqualTo(2);
    }

    @Test
    void circuitOpensWhileTheInstanceIsDownAndRecoversByItself() {
        stub.fallback(r -> status(503));
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(1).circuitOpenDuration(Duration.ofSeconds(30)));

        // the token request was the window's first call (a success): nine failed calls make the ten needed
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                    .isInstanceOf(CoupaException.ServerError.class);
        }
        // Open: fails fast without sending.
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.CircuitOpen.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryIn()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(e.getMessage()).contains("circuit breaker opened", "for about 30 s more",
                            "try again after that").doesNotContain("attempt");
                });
        assertThat(stub.apiRequests).hasSize(9);
        assertThat(client.metrics().circuitRejections()).isEqualTo(1);

        // The instance comes back; after the open period trial calls go through and close the circuit.
        stub.fallback(r -> json(200, "[]"));
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 5; i++) {
            assertThat(client.list("invoices", CoupaQuery.all())).isEmpty();
        }
        assertThat(stub.apiRequests).hasSize(14);
    }

    @Test
    void failedTrialCallsReopenTheCircuitAtOnce() {
        stub.fallback(r -> status(503));
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(1).circuitOpenDuration(Duration.ofSeconds(30)));
        // the token request was the window's first call (a success): nine failed calls make the ten needed
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                    .isInstanceOf(CoupaException.ServerError.class);
        }
        clock.advance(Duration.ofSeconds(31));
        // Half open: two trial calls reach the still-down instance, then it fails fast again.
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                    .isInstanceOf(CoupaException.ServerError.class);
        }
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.CircuitOpen.class,
                        e -> assertThat(e.getMessage()).contains("circuit breaker opened", "about 30 s more"));
        assertThat(stub.apiRequests).hasSize(11);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 400, 422})
    void answersCausedByTheRequestDoNotOpenTheCircuit(int code) {
        // A bad argument (the sandbox answers 500 to a year-10000 date) must not shut out every session.
        stub.fallback(r -> json(code, "{\"errors\":[\"invalid date\"]}"));
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(1));
        for (int i = 0; i < 25; i++) {
            assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                    .isInstanceOf(code >= 500 ? CoupaException.ServerError.class : CoupaException.BadRequest.class);
        }
        assertThat(stub.apiRequests).hasSize(25);
        assertThat(client.metrics().circuitRejections()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void gatewayFailuresOpenTheCircuit(int code) {
        stub.fallback(r -> status(code));
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(1));
        // the token request was the window's first call (a success): nine failed calls make the ten needed
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                    .isInstanceOf(CoupaException.ServerError.class);
        }
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.CircuitOpen.class);
        assertThat(stub.apiRequests).hasSize(9);
    }

    @Test
    void theRetriesOfOneCallCountOnceAgainstTheCircuit() {
        stub.fallback(r -> status(503));
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(5));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                    .isInstanceOf(CoupaException.ServerError.class).hasMessageContaining("gave up after 5 attempts");
        }
        // 15 failed exchanges, but only 3 calls' worth of evidence: the circuit (10 calls minimum) stays closed
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.ServerError.class).isNotInstanceOf(CoupaException.CircuitOpen.class);
        assertThat(stub.apiRequests).hasSize(20);
        assertThat(client.metrics().circuitRejections()).isZero();
    }

    @Test
    void ioErrorsOpenTheCircuit() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        HttpCoupaClient client = warmClient(b -> b.instanceUrl("http://127.0.0.1:" + closedPort)
                .tokenUrl("http://127.0.0.1:" + server.getPort() + "/oauth2/token").maxAttempts(1));
        // the token request was the window's first call (a success): nine failed calls make the ten needed
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                    .isInstanceOf(CoupaException.Unavailable.class).isNotInstanceOf(CoupaException.CircuitOpen.class);
        }
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.CircuitOpen.class);
        assertThat(client.metrics().ioErrors()).isEqualTo(9);
        assertThat(client.metrics().circuitRejections()).isEqualTo(1);
    }

    @Test
    void aPlain500IsNotRetriedAndSaysSo() {
        stub.fallback(r -> json(500, "{\"errors\":[\"year is out of range\"]}"));
        HttpCoupaClient client = warmClient();
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.ServerError.class, e -> assertThat(e.getMessage())
                        .startsWith("Coupa failed with HTTP 500 on GET /api/invoices (1 attempt; not retried: ")
                        .endsWith(": year is out of range").doesNotContain("after retries"));
        assertThat(stub.apiRequests).hasSize(1);
    }

    @Test
    void aSingleReadTimeoutSaysItWasOneAttemptAndWhichTimeout() {
        stub.fallback(r -> new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).body("[]").build());
        HttpCoupaClient client = warmClient(b -> b.readTimeout(Duration.ofMillis(100)).maxAttempts(1));
        assertThatThrownBy(() -> client.get("invoices", 1, null))
                .isInstanceOfSatisfying(CoupaException.Unavailable.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "Coupa at http://127.0.0.1:" + server.getPort() + " did not answer within the 100 ms read "
                                + "timeout on GET /api/invoices/1 (gave up after 1 attempt)"));
    }

    @Test
    void aWriteFailureSaysItWasNotRetried() {
        stub.enqueue(status(503));
        HttpCoupaClient client = warmClient();
        assertThatThrownBy(() -> client.action("invoices", 4, "submit", null, null))
                .hasMessage("Coupa answered HTTP 503 to PUT /api/invoices/4/submit (1 attempt; not retried: a PUT "
                        + "that may have reached Coupa is never re-sent automatically)");
    }

    @Test
    void aWriteThatMeetsA429SaysItWasNotRetried() {
        stub.enqueue(status(429));
        HttpCoupaClient client = warmClient();
        assertThatThrownBy(() -> client.action("invoices", 4, "submit", null, null))
                .isInstanceOf(CoupaException.RateLimited.class)
                .hasMessage("Coupa answered 429 Too Many Requests to PUT /api/invoices/4/submit (1 attempt; not "
                        + "retried: a PUT that may have reached Coupa is never re-sent automatically)");
    }

    @Test
    void aRetryStoppedByTheDeadlineSaysSo() {
        stub.fallback(r -> new MockResponse.Builder().code(503).setHeader("Retry-After", "20").build());
        HttpCoupaClient client = warmClient(b -> b.retryDeadline(Duration.ofSeconds(30)));
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all())).hasMessageEndingWith(
                "(gave up after 2 attempts: another would not fit in the 30 s retry deadline)");
    }

    @Test
    void clientErrorsDoNotOpenTheCircuit() {
        stub.fallback(r -> status(404));
        HttpCoupaClient client = warmClient();
        for (int i = 0; i < 15; i++) {
            assertThatThrownBy(() -> client.get("invoices", 1, null)).isInstanceOf(CoupaException.NotFound.class);
        }
        assertThat(stub.apiRequests).hasSize(15);
    }
}
