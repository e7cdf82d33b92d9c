package io.github.coupamcp.coupa.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

    @Test
    void retryAfterInSecondsOrHttpDate() {
        assertThat(RetryAfter.parse("3", NOW)).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 03:00:12 GMT", NOW)).contains(Duration.ofSeconds(12));
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 02:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("Saturday, 28-Nov-26 03:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Sat Nov 28 03:01:00 2026", NOW)).contains(Duration.ofMinutes(1));
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-1", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    @Test
    void fullJitterBackoffIsBoundedByTheExponentialCeiling() {
        Backoff max = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999999);
        assertThat(max.delay(1)).isEqualTo(Duration.ofMillis(99));
        assertThat(max.delay(3)).isEqualTo(Duration.ofMillis(399));
        assertThat(max.delay(10)).isEqualTo(Duration.ofMillis(999));
        assertThat(max.delay(100)).isEqualTo(Duration.ofMillis(999));
        Backoff min = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
        assertThat(min.delay(5)).isZero();
    }

    @Test
    void retryAfterWinsOverTheBackoff() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.5);
        assertThat(backoff.delay(2, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(2, null)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void anInterruptedPauseIsUnavailableAndKeepsTheInterruptFlag() {
        ClientRuntime runtime = new ClientRuntime(java.time.Clock.systemUTC(), d -> {
            throw new InterruptedException();
        }, () -> 0.0);
        try {
            assertThatThrownBy(() -> runtime.pause(Duration.ofSeconds(1), "GET", "/api/invoices", "rid"))
                    .isInstanceOfSatisfying(io.github.coupamcp.coupa.CoupaException.Unavailable.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.path()).isEqualTo("/api/invoices");
                        assertThat(e.requestId()).isEqualTo("rid");
                    });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void onlyFailuresBeforeSendingCountAsNeverReachingTheServer() {
        assertThat(CoupaTransport.neverReachedServer(new ConnectException("refused"))).isTrue();
        assertThat(CoupaTransport.neverReachedServer(new SocketTimeoutException("read timed out"))).isFalse();
        assertThat(CoupaTransport.neverReachedServer(new IOException("unexpected end of stream"))).isFalse();
    }

    @Test
    void coupaErrorBodiesInEveryShape() {
        assertThat(CoupaErrorBody.messages("{\"errors\":{\"account\":[\"Segment 1 can't be blank\"]}}"))
                .containsExactly("account: Segment 1 can't be blank");
        assertThat(CoupaErrorBody.messages("{\"errors\":[\"a\",\"b\"]}")).containsExactly("a", "b");
        assertThat(CoupaErrorBody.messages("<errors><error>x &lt; y</error></errors>")).containsExactly("x < y");
        assertThat(CoupaErrorBody.messages("<!DOCTYPE html><html><body><error>no</error></body></html>")).isEmpty();
        assertThat(CoupaErrorBody.messages("{\"errors\":")).isEmpty();
        assertThat(CoupaErrorBody.messages("")).isEmpty();
    }

    @Test
    void scopeHintsPreferWhatCoupaSaid() {
        assertThat(ScopeHints.scopeFor("Bearer scope=\"core.invoice.write\"", "", java.util.List.of(), "GET",
                "invoices")).isEqualTo("core.invoice.write");
        assertThat(ScopeHints.scopeFor(null, "", java.util.List.of(), "GET", "purchase_orders"))
                .isEqualTo("core.purchase_order.read");
        assertThat(ScopeHints.scopeFor(null, "", java.util.List.of(), "PUT", "approvals/3/approve"))
                .isEqualTo("core.approval.write");
        assertThat(ScopeHints.scopeFor(null, "", java.util.List.of(), "GET", "widgets")).isNull();
    }

    @Test
    void rateLimiterCyclesNeverExceedTheBurst() {
        var config = io.github.coupamcp.config.CoupaConfig.builder().instanceUrl("https://a.coupahost.com")
                .clientId("c").clientSecret("s").scopes("core.invoice.read").build();
        var rl = InstanceGuards.rateLimiterConfig(config);
        assertThat(rl.getLimitForPeriod()).isEqualTo(10);
        assertThat(rl.getLimitRefreshPeriod()).isEqualTo(Duration.ofMillis(400));
    }
}
