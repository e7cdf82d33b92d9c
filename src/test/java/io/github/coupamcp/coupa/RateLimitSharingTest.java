package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * The client-side limit belongs to the connection: every caller of one client object (every MCP session it serves)
 * draws from it. Another client object has its own (see {@link ConnectionsAreIndependentTest}).
 */
class RateLimitSharingTest extends ClientTestSupport {

    @Test
    void callersOfOneConnectionShareItsLimiterAndWaitForPermits() {
        stub.fallback(r -> json(200, "[]"));
        // 2 requests per second: one permit every 500 ms, far slower than the requests themselves.
        HttpCoupaClient shared = warmClient(b -> b.rateLimit(2, 2));

        Instant start = clock.instant();
        for (int i = 0; i < 5; i++) {
            shared.list("invoices", CoupaQuery.all());
            shared.list("suppliers", CoupaQuery.all());
        }
        // Ten requests at 2 per second, whichever session sent them: nine gaps of 500 ms.
        assertThat(Duration.between(start, clock.instant())).isBetween(Duration.ofMillis(4_400),
                Duration.ofMillis(4_600));
        assertThat(shared.metrics().permitWaits()).isEqualTo(9);
        assertThat(shared.metrics().permitWaitMillis()).isBetween(4_400L, 4_600L);
        assertThat(stub.apiRequests).hasSize(10);
    }

    @Test
    void a429PausesEveryCallerOfTheConnectionForItsRetryAfter() {
        HttpCoupaClient a = warmClient(c -> c.rateLimit(20, 20));
        HttpCoupaClient b = a; // another session of the same connection
        List<Instant> sentAt = new ArrayList<>();
        stub.fallback(r -> {
            sentAt.add(clock.instant());
            return sentAt.size() == 1 ? new MockResponse.Builder().code(429).setHeader("Retry-After", "4").build()
                    : json(200, "[]");
        });
        Instant start = clock.instant();
        // A write is not retried: a's call fails at once, without waiting itself.
        assertThatThrownBy(() -> a.create("suppliers", Json.object().put("name", "Acme"), null))
                .isInstanceOf(CoupaException.RateLimited.class);
        assertThat(clock.instant()).isEqualTo(start);
        // b never saw the 429, yet it waits out a's pause, then goes on at the lowered limit.
        b.list("invoices", CoupaQuery.all());
        b.list("invoices", CoupaQuery.all());

        assertThat(sentAt).hasSize(3);
        assertThat(Duration.between(start, sentAt.get(1))).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4_100));
        assertThat(Duration.between(sentAt.get(1), sentAt.get(2))).isEqualTo(Duration.ofMillis(100));
        assertThat(a.metrics().rateLimit()).isEqualTo(10.0);
        assertThat(b.metrics().permitWaits()).isEqualTo(2);
    }

    @Test
    void aCallThatCannotGetAPermitWithinItsDeadlineFailsWithoutSendingAndSaysWhatToNarrow() {
        HttpCoupaClient a = warmClient(c -> c.rateLimit(20, 20).retryDeadline(Duration.ofSeconds(10)));
        stub.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "30").build());
        assertThatThrownBy(() -> a.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.RateLimited.class);
        int sent = stub.apiRequests.size();

        HttpCoupaClient b = a; // another session of the same connection
        assertThatThrownBy(() -> b.list("suppliers", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.Throttled.class, e -> assertThat(e.getMessage())
                        .contains("GET /api/suppliers would have waited about 30", "paused", "429",
                                "Make fewer calls at once or narrow the filters", "COUPA_RETRY_DEADLINE")
                        .doesNotContain("Exception"));
        assertThat(stub.apiRequests).as("nothing sent").hasSize(sent);
        assertThat(b.metrics().failures()).isEqualTo(2);
        // one record has no filters to narrow, and a message must not claim what a first attempt did not do
        assertThatThrownBy(() -> b.get("suppliers", 7, null))
                .isInstanceOfSatisfying(CoupaException.Throttled.class, e -> assertThat(e.getMessage())
                        .contains("GET /api/suppliers/7 would have waited", "nothing was sent",
                                "Make fewer calls at once, then retry").doesNotContain("filters"));
    }
}
