package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.coupa.http.InstanceGuards;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The client-side limiter belongs to the instance: every client object of that instance draws from it. */
class RateLimitSharingTest extends ClientTestSupport {

    @Test
    void clientsOfOneInstanceShareOneLimiterAndWaitForPermits() {
        stub.fallback(r -> json(200, "[]"));
        // 2 requests per second, burst 2: one permit every 500 ms, far slower than the requests themselves.
        HttpCoupaClient a = warmClient(b -> b.rateLimit(2, 2));
        HttpCoupaClient b = warmClient(c -> c.rateLimit(2, 2));
        assertThat(InstanceGuards.forInstance(a.config(), clock)).isSameAs(InstanceGuards.forInstance(b.config(), clock));

        for (int i = 0; i < 5; i++) {
            a.list("invoices", CoupaQuery.all());
            b.list("invoices", CoupaQuery.all());
        }
        // The fake sleeper does not really wait, so reservations pile up: waits grow by ~500 ms per request.
        assertThat(clock.sleeps()).hasSizeGreaterThanOrEqualTo(8);
        Duration longest = clock.sleeps().stream().max(Duration::compareTo).orElseThrow();
        assertThat(longest).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(stub.apiRequests).hasSize(10);
    }
}
