package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static io.github.coupamcp.coupa.CoupaStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * One client object is one Coupa connection (one tenant): two of them on the same instance URL, even with the same
 * credentials, share nothing — neither token, rate limit nor circuit breaker, and each keeps its own settings.
 * Sessions share a connection by sharing the client object (see {@link RateLimitSharingTest}).
 */
class ConnectionsAreIndependentTest extends ClientTestSupport {

    @Test
    void eachConnectionHasItsOwnRateLimitAndOneSaturatingItDoesNotSlowTheOther() {
        stub.fallback(r -> json(200, "[]"));
        HttpCoupaClient slow = warmClient(b -> b.rateLimit(2, 2));
        HttpCoupaClient fast = warmClient(b -> b.rateLimit(4, 2));

        for (int i = 0; i < 5; i++) {
            slow.list("invoices", CoupaQuery.all());
        }
        // slow's limit is spent: fast's first call still goes at once, then fast keeps its own 4 per second
        for (int i = 0; i < 5; i++) {
            fast.list("invoices", CoupaQuery.all());
        }
        assertThat(slow.metrics().permitWaits()).isEqualTo(4);
        assertThat(slow.metrics().permitWaitMillis()).isBetween(1_950L, 2_050L);
        assertThat(fast.metrics().permitWaits()).isEqualTo(4);
        assertThat(fast.metrics().permitWaitMillis()).isBetween(950L, 1_050L);
        assertThat(slow.metrics().rateLimit()).isEqualTo(2.0);
        assertThat(fast.metrics().rateLimit()).isEqualTo(4.0);
    }

    @Test
    void oneConnectionsOpenCircuitDoesNotAffectAnotherOnTheSameInstance() {
        // the failing tenant reads invoices, the healthy one suppliers: one Coupa, one path failing behind a gateway
        stub.fallback(r -> r.getUrl().encodedPath().contains("invoices") ? status(503) : json(200, "[]"));
        HttpCoupaClient failing = warmClient(b -> b.maxAttempts(1));
        HttpCoupaClient healthy = warmClient(b -> b.maxAttempts(1));
        // fail until its circuit opens (ten calls in its window, its token request included)
        for (int i = 0; i < 20 && !failing.circuitState().equals("OPEN"); i++) {
            assertThatThrownBy(() -> failing.list("invoices", CoupaQuery.all()))
                    .isInstanceOf(CoupaException.ServerError.class);
        }
        assertThatThrownBy(() -> failing.list("suppliers", CoupaQuery.all()))
                .isInstanceOf(CoupaException.CircuitOpen.class);
        assertThat(failing.circuitState()).isEqualTo("OPEN");

        assertThat(healthy.list("suppliers", CoupaQuery.all())).isEmpty();
        assertThat(healthy.circuitState()).isEqualTo("CLOSED");
        assertThat(healthy.notReady()).isNull();
        assertThat(healthy.metrics().circuitRejections()).isZero();
    }

    @Test
    void twoConnectionsWithTheSameCredentialsFetchTheirOwnTokens() {
        stub.fallback(r -> json(200, "[]"));
        HttpCoupaClient a = warmClient();
        HttpCoupaClient b = warmClient();
        a.list("invoices", CoupaQuery.all());
        b.list("invoices", CoupaQuery.all());

        assertThat(stub.tokenRequests).hasSize(2);
        assertThat(a.metrics().tokenFetches()).isEqualTo(1);
        assertThat(b.metrics().tokenFetches()).isEqualTo(1);
        assertThat(stub.apiRequests).extracting(r -> r.getHeaders().get("Authorization"))
                .containsExactlyInAnyOrder("Bearer tok-1", "Bearer tok-2");

        // closing one connection leaves the other's token alone
        a.close();
        b.list("invoices", CoupaQuery.all());
        assertThat(stub.tokenRequests).hasSize(2);
        RecordedRequest last = stub.apiRequests.get(stub.apiRequests.size() - 1);
        assertThat(last.getHeaders().get("Authorization"))
                .isEqualTo(stub.apiRequests.get(1).getHeaders().get("Authorization"));
    }

    @Test
    void aTokenRefusedToOneConnectionIsNotTheOthersConcern() {
        HttpCoupaClient good = warmClient();
        stub.enqueueToken(json(401, "{\"error\":\"invalid_client\"}"));
        HttpCoupaClient bad = client(b -> b.clientId("revoked-client"));
        assertThatThrownBy(bad::awaitToken).isInstanceOf(CoupaException.InvalidCredentials.class);
        stub.enqueue(json(200, "[]"));
        assertThat(good.list("invoices", CoupaQuery.all())).isEmpty();
        assertThat(good.metrics().tokenFetches()).isEqualTo(1);
        assertThat(bad.metrics().tokenFetches()).isEqualTo(1);
        assertThat(stub.apiRequests).hasSize(1);
    }
}
