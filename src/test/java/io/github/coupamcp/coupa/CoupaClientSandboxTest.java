package io.github.coupamcp.coupa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.http.ClientRuntime;
import io.github.coupamcp.coupa.scan.IdsFold;
import io.github.coupamcp.coupa.scan.ScanEngine;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.coupa.scan.ScanResult;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxClient;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.sandbox.data.Scale;
import io.github.coupamcp.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client against the sandbox (a second, independent implementation of Coupa's contract), with faults on.
 * Auth tests share one fake clock between sandbox and client, so propagation waits take no real time.
 */
class CoupaClientSandboxTest {
    private final MutableClock clock = new MutableClock();
    private final List<AutoCloseable> open = new ArrayList<>();
    private Sandbox sandbox;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Sandbox sandbox(Consumer<SandboxOptions.Builder> tweak) {
        return sandbox(clock, tweak);
    }

    private Sandbox sandbox(java.time.Clock sandboxClock, Consumer<SandboxOptions.Builder> tweak) {
        SandboxOptions.Builder b = SandboxOptions.builder().port(0).scale(Scale.SMALL).rateLimitEnabled(false)
                .clock(sandboxClock);
        tweak.accept(b);
        sandbox = Sandbox.start(b.build());
        open.add(sandbox);
        return sandbox;
    }

    private HttpCoupaClient client(ClientRuntime runtime, Consumer<CoupaConfig.Builder> tweak) {
        CoupaConfig.Builder b = CoupaConfig.builder().instanceUrl(sandbox.baseUrl()).clientId(sandbox.clientId())
                .clientSecret(sandbox.clientSecret()).scopes(Sandbox.scopesOf(sandbox.store()))
                .rateLimit(1_000, 100).backoff(Duration.ofMillis(20), Duration.ofMillis(200));
        tweak.accept(b);
        HttpCoupaClient client = HttpCoupaClient.create(b.build(), runtime);
        open.add(client);
        return client;
    }

    /** Fake time for everything but the rate limits (the sandbox's bucket runs on real time). */
    private HttpCoupaClient client(Consumer<CoupaConfig.Builder> tweak) {
        return client(FakeRuntime.of(clock), tweak);
    }

    @Test
    void a401DuringTokenPropagationIsWaitedOutOnce() {
        sandbox(b -> b.tokenPropagationDelay(Duration.ofSeconds(5)));
        HttpCoupaClient client = client(b -> {});

        List<ObjectNode> page = client.list("invoices", CoupaQuery.builder().limit(5).build());

        assertThat(page).hasSize(5);
        assertThat(sandbox.control().stats().status(401)).isEqualTo(1);
        assertThat(clock.sleeps()).hasSize(1);
        assertThat(clock.sleeps().get(0)).isLessThanOrEqualTo(Duration.ofSeconds(5)).isPositive();
        assertThat(client.metrics().tokenFetches()).isEqualTo(1);
    }

    @Test
    void aSlowTokenEndpointDoesNotMakeTheClientRetryBeforeTheTokenIsValid() {
        // Real time: the token is issued ~150 ms after it was asked for, and client and Coupa agree on the delay.
        // The wait must count from when the token arrived, not from when it was asked for.
        Duration delay = Duration.ofMillis(300);
        sandbox(java.time.Clock.systemUTC(), b -> b.tokenPropagationDelay(delay)
                .fault(FaultRule.latency(150).onPath("/oauth2/token")));
        HttpCoupaClient client = client(ClientRuntime.system(), b -> b.tokenPropagationDelay(delay));

        assertThat(client.list("invoices", CoupaQuery.builder().limit(2).build())).hasSize(2);
        assertThat(sandbox.control().stats().status(401)).isLessThanOrEqualTo(1);
        assertThat(client.metrics().tokenFetches()).isEqualTo(1);
    }

    @Test
    void tokenExpiryMidScanIsRecoveredWithoutSkipsOrDuplicates() {
        sandbox(b -> b.tokenPropagationDelay(Duration.ofSeconds(5)));
        HttpCoupaClient client = client(b -> {});
        warmUp(client);
        int total = sandbox.store().collection("invoices").size();
        AtomicInteger pages = new AtomicInteger();
        CoupaClient expiring = new AfterEachList(client, () -> {
            if (pages.incrementAndGet() == 2) {
                sandbox.control().expireAllTokens();
                clock.advance(Duration.ofSeconds(1));
            }
        });

        ScanResult<List<Long>> scan = new ScanEngine(expiring).scan("invoices",
                CoupaQuery.builder().fields(Fields.of("id", "status")).build(), new IdsFold(), ScanOptions.defaults()
                        .withConcurrency(1).withMaxRequests(total / CoupaQuery.MAX_LIMIT + 3));

        assertThat(scan.value()).hasSize(total).doesNotHaveDuplicates();
        assertThat(client.metrics().tokenFetches()).isEqualTo(2);
        assertThat(client.metrics().failures()).isZero();
        assertThat(sandbox.control().stats().status(401)).isBetween(1L, 2L);
    }

    @Test
    void statusChurnDuringAConcurrentScanCausesNeitherSkipsNorDuplicates() {
        sandbox(b -> {});
        HttpCoupaClient client = client(b -> {});
        warmUp(client);
        SandboxCollection invoices = sandbox.store().collection("invoices");
        Set<Long> expected = idsWithStatus(invoices, Set.of("approved", "voided"));
        List<Long> approved = new ArrayList<>(idsWithStatus(invoices, Set.of("approved")));
        assertThat(approved).hasSizeGreaterThan(10);
        AtomicInteger churned = new AtomicInteger();
        // After every page, void approved invoices behind and ahead of every partition: they stay in the filter.
        CoupaClient churning = new AfterEachList(client, () -> {
            synchronized (churned) {
                for (int i = 0; i < 3 && churned.get() < approved.size(); i++) {
                    int pick = (churned.getAndIncrement() * 7) % approved.size();
                    invoices.action(approved.get(pick), "void", Json.object(), Map.of());
                }
            }
        });

        ScanResult<List<Long>> scan = new ScanEngine(churning).scan("invoices", CoupaQuery.builder()
                .filter("status", Op.IN, "approved", "voided").fields(Fields.of("id", "status")).build(), new IdsFold(),
                ScanOptions.defaults().withConcurrency(4).withMaxRequests(100));

        assertThat(churned.get()).isPositive();
        assertThat(scan.value()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(scan.value())).isEqualTo(expected);
        assertThat(scan.coverage().partitions()).isGreaterThan(1);
    }

    /** The client with something happening on Coupa's side after every list answer. */
    private record AfterEachList(HttpCoupaClient client, Runnable hook) implements CoupaClient {
        @Override
        public List<ObjectNode> list(String resource, CoupaQuery query) {
            List<ObjectNode> page = client.list(resource, query);
            hook.run();
            return page;
        }

        @Override
        public ObjectNode get(String resource, long id, Fields fields) {
            return client.get(resource, id, fields);
        }

        @Override
        public ObjectNode create(String resource, tools.jackson.databind.JsonNode body, Fields fields) {
            return client.create(resource, body, fields);
        }

        @Override
        public ObjectNode update(String resource, long id, tools.jackson.databind.JsonNode body, Fields fields) {
            return client.update(resource, id, body, fields);
        }

        @Override
        public ObjectNode action(String resource, long id, String action, tools.jackson.databind.JsonNode body,
                Fields fields) {
            return client.action(resource, id, action, body, fields);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void burstsOf429AreAbsorbedByRetries() {
        sandbox(java.time.Clock.systemUTC(), b -> b.rateLimit(20, 3).rateLimitEnabled(true).retryAfter(false)
                .tokenPropagationDelay(Duration.ZERO));
        // Real time here: the sandbox's bucket refills in real time. The client does not limit itself.
        HttpCoupaClient client = client(ClientRuntime.system(), b -> b.maxAttempts(8));
        for (int i = 0; i < 12; i++) {
            assertThat(client.list("suppliers", CoupaQuery.builder().limit(1).build())).hasSize(1);
        }
        assertThat(sandbox.control().stats().rateLimited()).isPositive();
        assertThat(client.metrics().rateLimited()).isEqualTo(sandbox.control().stats().rateLimited());
        assertThat(client.metrics().failures()).isZero();
    }

    @Test
    void theClientSideLimiterAvoids429s() {
        // The sandbox's bucket is a little larger than the client's burst: on a busy machine a late answer lets the
        // next two permits follow at once, which is still within the rate. Without the client's limiter the thirty
        // back-to-back calls overflow it.
        sandbox(java.time.Clock.systemUTC(), b -> b.rateLimit(20, 6).rateLimitEnabled(true)
                .tokenPropagationDelay(Duration.ZERO));
        HttpCoupaClient client = client(ClientRuntime.system(), b -> b.rateLimit(20, 4));
        for (int i = 0; i < 30; i++) {
            client.list("suppliers", CoupaQuery.builder().limit(1).build());
        }
        assertThat(sandbox.control().stats().rateLimited()).isZero();
    }

    @Test
    void transient503sAreRetriedForGetsButNotForPosts() {
        sandbox(b -> {});
        HttpCoupaClient client = client(b -> {});
        warmUp(client);
        sandbox.control().fault(FaultRule.onNth(FaultRule.Kind.STATUS, 503, 1).times(2).onPath("/api/invoices"));

        assertThat(client.list("invoices", CoupaQuery.builder().limit(2).build())).hasSize(2);
        assertThat(client.metrics().retries()).isEqualTo(2);

        sandbox.control().fault(FaultRule.onNth(FaultRule.Kind.STATUS, 503, 1).onPath("/api/suppliers"));
        long before = sandbox.control().stats().resource("suppliers");
        assertThatThrownBy(() -> client.create("suppliers", Json.object().put("name", "Never Twice Ltd"), null))
                .isInstanceOfSatisfying(CoupaException.ServerError.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(sandbox.control().stats().resource("suppliers") - before).isEqualTo(1);
    }

    @Test
    void htmlMalformedAndTruncatedAnswersAreReportedNotParsed() {
        sandbox(b -> {});
        HttpCoupaClient client = client(b -> b.maxAttempts(1));
        warmUp(client);
        sandbox.control().fault(FaultRule.always(FaultRule.Kind.MALFORMED, 200).onPath("/api/invoices"));
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.UnexpectedResponse.class);
        sandbox.control().fault(FaultRule.always(FaultRule.Kind.HTML, 502).onPath("/api/invoices"));
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.ServerError.class);
        sandbox.control().fault(FaultRule.always(FaultRule.Kind.TRUNCATE, 200).onPath("/api/invoices"));
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfAny(CoupaException.UnexpectedResponse.class, CoupaException.Unavailable.class);
    }

    @Test
    void aMissingScopeIsNamed() {
        sandbox(b -> {});
        HttpCoupaClient client = client(b -> b.scopes("core.invoice.read"));
        warmUp(client);
        assertThatThrownBy(() -> client.list("suppliers", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.Forbidden.class,
                        e -> assertThat(e.scope()).isEqualTo("core.supplier.read"));
    }

    /** What scope hiding relies on: the scopes of the token answer, fewer than asked when the client lacks some. */
    @Test
    void theGrantedScopesAreThoseTheTokenAnswerListed() {
        sandbox(b -> b.addClient(SandboxClient.withScopes("narrow", "narrow-secret",
                Set.of("core.invoice.read", "core.supplier.read"))));
        HttpCoupaClient client = client(b -> b.clientId("narrow").clientSecret("narrow-secret")
                .scopes("core.invoice.read", "core.purchase_order.read", "core.supplier.read"));
        assertThat(client.grantedScopes()).contains(Set.of("core.invoice.read", "core.supplier.read"));
    }

    @Test
    void badCredentialsAreReportedAsSuch() {
        sandbox(b -> {});
        HttpCoupaClient client = client(b -> b.clientSecret("wrong-secret"));
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOf(CoupaException.InvalidCredentials.class)
                .hasMessageNotContaining("wrong-secret");
    }

    /** Lets the eagerly fetched token get issued, then moves past its propagation window. */
    private void warmUp(HttpCoupaClient client) {
        client.awaitToken();
        clock.advance(Duration.ofSeconds(6));
    }

    private static Set<Long> idsWithStatus(SandboxCollection c, Set<String> statuses) {
        Set<Long> ids = new HashSet<>();
        for (long id : c.ids()) {
            if (statuses.contains(c.render(id).path("status").asString())) {
                ids.add(id);
            }
        }
        return ids;
    }
}
