package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static io.github.coupamcp.coupa.CoupaStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** Tokens: eager fetch, single flight, background refresh, 401 handling, credential and scope refusals. */
class HttpCoupaClientAuthTest extends ClientTestSupport {

    /** A token answer without "scope" (RFC 6749: granted as asked) says nothing: no tool is hidden for it. */
    @Test
    void aTokenAnswerWithoutScopeGrantsNothingKnown() {
        assertThat(client().grantedScopes()).isEmpty();
    }

    @Test
    void fetchesTheTokenEagerlyAtCreate() {
        client();
        waitForToken();
        assertThat(stub.tokenRequests).hasSize(1);
        assertThat(stub.apiRequests).isEmpty();
    }

    @Test
    void a401OnAYoungTokenWaitsOutThePropagationWindowAndRetriesOnce() {
        HttpCoupaClient client = client();
        client.awaitToken();
        clock.advance(Duration.ofSeconds(2));
        stub.enqueue(status(401)).enqueue(json(200, "[]"));

        assertThat(client.list("invoices", CoupaQuery.all())).isEmpty();
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3));
        assertThat(stub.tokenRequests).hasSize(1);
        assertThat(stub.apiRequests).extracting(r -> r.getHeaders().get("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-1");
        assertThat(client.metrics().authRetries()).isEqualTo(1);
    }

    @Test
    void thePropagationWaitCountsFromWhenTheTokenArrivedNotWhenItWasAskedFor() {
        // Coupa issues the token somewhere inside a slow token request: only its arrival bounds when it turns valid.
        stub.beforeToken(() -> clock.advance(Duration.ofSeconds(1)));
        HttpCoupaClient client = client();
        client.awaitToken();
        clock.advance(Duration.ofSeconds(2));
        stub.enqueue(status(401)).enqueue(json(200, "[]"));

        assertThat(client.list("invoices", CoupaQuery.all())).isEmpty();
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void a401OnAnOldTokenFetchesANewOneAndRetriesOnce() {
        HttpCoupaClient client = warmClient();
        stub.enqueue(status(401)).enqueue(json(200, "[]"));

        assertThat(client.list("invoices", CoupaQuery.all())).isEmpty();
        assertThat(stub.tokenRequests).hasSize(2);
        assertThat(stub.apiRequests).extracting(r -> r.getHeaders().get("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-2");
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void aRevokedTokenIsReplacedAndTheNewOneGivenItsPropagationWindow() {
        HttpCoupaClient client = warmClient();
        stub.enqueue(status(401)).enqueue(status(401)).enqueue(json(200, "[]"));

        assertThat(client.list("invoices", CoupaQuery.all())).isEmpty();
        assertThat(stub.apiRequests).extracting(r -> r.getHeaders().get("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-2", "Bearer tok-2");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(5));
        assertThat(client.metrics().authRetries()).isEqualTo(2);
    }

    @Test
    void aYoungTokenRefusedAfterItsWindowIsAuthFailed() {
        HttpCoupaClient client = client();
        client.awaitToken();
        stub.fallback(r -> status(401));
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.AuthFailed.class);
        // Wait once (token young), then the token is old: replace once, the new one is young: no second wait.
        assertThat(stub.apiRequests).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void repeated401sAreAuthFailed() {
        stub.fallback(r -> new MockResponse.Builder().code(401)
                .setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"").build());
        HttpCoupaClient client = warmClient();

        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.AuthFailed.class, e -> {
                    assertThat(e).isNotInstanceOf(CoupaException.InvalidCredentials.class);
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("401").doesNotContain("tok-");
                });
        // Old token refused -> new token -> refused while young -> wait -> refused again: give up.
        assertThat(stub.apiRequests).hasSize(3);
    }

    @Test
    void badCredentialsAtTheTokenEndpointAreInvalidCredentials() {
        stub.enqueueToken(json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));
        HttpCoupaClient client = client();

        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.InvalidCredentials.class, e -> {
                    assertThat(e.getMessage()).contains("mcp-client", "COUPA_CLIENT_SECRET", "invalid_client")
                            .doesNotContain(SECRET);
                    assertThat(e.coupaMessages()).containsExactly("invalid_client: Client authentication failed");
                    assertThat(e.path()).isEqualTo("/oauth2/token");
                });
        assertThat(stub.apiRequests).isEmpty();
    }

    @Test
    void aFailedTokenRequestIsNotCachedTheNextCallerFetchesAgain() {
        stub.enqueueToken(json(401, "{\"error\":\"invalid_client\"}"));
        HttpCoupaClient first = client();
        assertThatThrownBy(() -> first.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.InvalidCredentials.class);

        // The same connection's cache must not hand out the old failure to its next caller.
        stub.enqueueToken(json(200, "{\"access_token\":\"fresh\",\"expires_in\":86399}"));
        stub.enqueue(json(200, "[{\"id\":7}]"));
        first.awaitToken();
        clock.advance(Duration.ofSeconds(10));
        assertThat(first.list("invoices", CoupaQuery.all())).extracting(r -> r.get("id").asInt()).containsExactly(7);
        assertThat(stub.apiRequests.get(0).getHeaders().get("Authorization")).isEqualTo("Bearer fresh");
    }

    @Test
    void refusedScopesAtTheTokenEndpointAreForbiddenNamingTheScope() {
        stub.enqueueToken(json(400, "{\"error\":\"invalid_scope\",\"error_description\":\"core.supplier.read is not allowed\"}"));
        HttpCoupaClient client = client();

        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.Forbidden.class,
                        e -> assertThat(e.scope()).isEqualTo("core.supplier.read"));
    }

    @Test
    void a403NamesTheScopeFromWwwAuthenticate() {
        stub.enqueue(new MockResponse.Builder().code(403)
                .setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"core.purchase_order.read\"")
                .build());
        HttpCoupaClient client = warmClient();

        assertThatThrownBy(() -> client.list("purchase_orders", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.Forbidden.class, e -> {
                    assertThat(e.scope()).isEqualTo("core.purchase_order.read");
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("core.purchase_order.read");
                });
    }

    @Test
    void a403NamesTheScopeFromTheBodyOrElseTheResourcesKnownScope() {
        stub.enqueue(json(403, "{\"errors\":[\"Missing scope core.approval.write\"]}"));
        stub.enqueue(status(403));
        HttpCoupaClient client = warmClient();

        assertThatThrownBy(() -> client.action("approvals", 3, "approve", null, null))
                .isInstanceOfSatisfying(CoupaException.Forbidden.class,
                        e -> assertThat(e.scope()).isEqualTo("core.approval.write"));
        assertThatThrownBy(() -> client.get("suppliers", 3, null))
                .isInstanceOfSatisfying(CoupaException.Forbidden.class,
                        e -> assertThat(e.scope()).isEqualTo("core.supplier.read"));
        assertThat(stub.tokenRequests).hasSize(1);
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        stub.beforeToken(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stub.fallback(r -> json(200, "[]"));
        HttpCoupaClient client = client();
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> client.list("invoices", CoupaQuery.all())));
            }
            Await.until("every caller under way while the token request is held", Duration.ofSeconds(5),
                    () -> pool.getActiveCount() == 8 && stub.tokenRequests.size() == 1);
            release.countDown();
            for (Future<?> f : calls) {
                f.get(5, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stub.tokenRequests).hasSize(1);
        assertThat(client.metrics().tokenFetches()).isEqualTo(1);
        assertThat(stub.apiRequests).hasSize(8);
    }

    @Test
    void concurrentCallersRefusedWithTheSameRevokedTokenCauseOneNewTokenRequest() throws Exception {
        // tok-1 is revoked: every call made with it is refused; the replacement works.
        stub.fallback(r -> "Bearer tok-1".equals(r.getHeaders().get("Authorization")) ? status(401)
                : json(200, "[]"));
        HttpCoupaClient client = warmClient();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return client.list("invoices", CoupaQuery.all());
                }));
            }
            start.countDown();
            for (Future<?> f : calls) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(stub.tokenRequests).hasSize(2);
        assertThat(client.metrics().failures()).isZero();
        assertThat(client.metrics().authRetries()).isBetween(1L, 8L);
    }

    @Test
    void refreshesAheadOfExpiryInTheBackgroundWhileCallersKeepTheCurrentToken() throws Exception {
        stub.expiresIn(3600);
        stub.fallback(r -> json(200, "[]"));
        HttpCoupaClient client = warmClient();
        client.list("invoices", CoupaQuery.all());

        // Past 20/24 of the lifetime: due for refresh, still valid. The token endpoint hangs until released.
        CountDownLatch tokenAsked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        stub.beforeToken(() -> {
            tokenAsked.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        clock.advance(Duration.ofMinutes(51));
        client.list("invoices", CoupaQuery.all());
        assertThat(tokenAsked.await(5, TimeUnit.SECONDS)).isTrue();
        client.list("invoices", CoupaQuery.all());
        assertThat(stub.apiRequests).extracting(r -> r.getHeaders().get("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-1");

        release.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stub.tokensIssued() < 2 && System.nanoTime() < until) {
            sleepBriefly();
        }
        // The new token is used once it has had time to propagate; until then the old one goes on. The clock has not
        // moved since tok-2 was released, so it is at least 5 s old only from the 6th call (one simulated second each).
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int i = 0; i < 500 && !seen.contains("Bearer tok-2") && System.nanoTime() < deadline; i++) {
            client.list("invoices", CoupaQuery.all());
            seen.add(stub.apiRequests.get(stub.apiRequests.size() - 1).getHeaders().get("Authorization"));
            clock.advance(Duration.ofSeconds(1));
            sleepBriefly();
        }
        assertThat(seen).contains("Bearer tok-2");
        assertThat(seen.subList(0, seen.indexOf("Bearer tok-2"))).hasSizeGreaterThanOrEqualTo(5)
                .containsOnly("Bearer tok-1");
        assertThat(stub.tokenRequests).hasSize(2);
        assertThat(client.metrics().authRetries()).isZero();
    }

    @Test
    void anExpiredTokenIsReplacedBeforeUse() {
        stub.expiresIn(600);
        stub.fallback(r -> json(200, "[]"));
        HttpCoupaClient client = warmClient();
        client.list("invoices", CoupaQuery.all());
        clock.advance(Duration.ofMinutes(11));
        client.list("invoices", CoupaQuery.all());

        assertThat(stub.apiRequests).extracting(r -> r.getHeaders().get("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-2");
    }

    @Test
    void tokenEndpointOutageIsRetriedThenUnavailable() {
        stub.enqueueToken(status(503)).enqueueToken(status(503));
        stub.fallback(r -> json(200, "[]"));
        HttpCoupaClient client = client();
        assertThat(client.list("invoices", CoupaQuery.all())).isEmpty();
        assertThat(stub.tokenRequests).hasSize(3);
        assertThat(client.metrics().tokenFetches()).isEqualTo(3);
    }

    @Test
    void sessionsOfOneConnectionShareOneTokenUntilItCloses() {
        stub.fallback(r -> json(200, "[]"));
        HttpCoupaClient connection = warmClient();
        connection.list("invoices", CoupaQuery.all());
        connection.list("suppliers", CoupaQuery.all());
        assertThat(stub.tokenRequests).hasSize(1);

        connection.close();
        connection.close(); // idempotent
        // a new connection (the server reconfigured) starts afresh; other connections: ConnectionsAreIndependentTest
        warmClient().list("invoices", CoupaQuery.all());
        assertThat(stub.tokenRequests).hasSize(2);
    }

    @Test
    void tokensOfAnyLengthAreSent() {
        String longToken = "eyJ" + "x".repeat(20_000);
        stub.enqueueToken(json(200, "{\"access_token\":\"" + longToken + "\",\"expires_in\":86399}"));
        stub.enqueue(json(200, "[]"));
        warmClient().list("invoices", CoupaQuery.all());
        assertThat(stub.apiRequests.get(0).getHeaders().get("Authorization")).isEqualTo("Bearer " + longToken);
    }
}
