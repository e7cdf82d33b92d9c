package io.github.coupamcp.coupa.auth;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.ClientMetrics;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.CoupaStub;
import io.github.coupamcp.coupa.FakeRuntime;
import io.github.coupamcp.coupa.http.ClientRuntime;
import io.github.coupamcp.coupa.http.CoupaTransport;
import io.github.coupamcp.coupa.http.HttpClients;
import io.github.coupamcp.coupa.http.InstanceGuards;
import io.github.coupamcp.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token cache on a fake clock, waiting on its token thread instead of racing it. */
class TokenCacheTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final MutableClock clock = new MutableClock();
    private final CoupaStub stub = new CoupaStub();
    private MockWebServer server;
    private TokenCache tokens;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(stub);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        CoupaConfig config = CoupaConfig.builder().instanceUrl("http://127.0.0.1:" + server.getPort())
                .clientId("mcp-client").clientSecret("s3cr3t").scopes("core.invoice.read")
                .tokenPropagationDelay(Duration.ofSeconds(5)).build();
        ClientRuntime runtime = FakeRuntime.of(clock);
        tokens = new CoupaTransport(config, HttpClients.forConfig(config), new InstanceGuards(config, runtime), runtime,
                new ClientMetrics()).tokens();
    }

    @AfterEach
    void stop() {
        tokens.close();
        server.close();
    }

    @Test
    void aRefreshedTokenIsHandedOutOnlyOnceItHasPropagated() throws Exception {
        stub.expiresIn(3600);
        assertThat(tokens.current().value()).isEqualTo("tok-1");

        clock.advance(Duration.ofMinutes(51)); // past 20/24 of the lifetime: due for refresh, still valid
        assertThat(tokens.current().value()).isEqualTo("tok-1");
        tokens.awaitTokenRequests(WAIT);
        assertThat(stub.tokensIssued()).isEqualTo(2);

        // tok-2 is cached but Coupa may still reject it: callers keep tok-1 through the propagation window.
        assertThat(tokens.current().value()).isEqualTo("tok-1");
        clock.advance(Duration.ofMillis(4_999));
        assertThat(tokens.current().value()).isEqualTo("tok-1");
        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.current().value()).isEqualTo("tok-2");
    }

    @Test
    void aFailedEagerRequestIsReportedToTheFirstCallerThenForgotten() throws Exception {
        stub.enqueueToken(json(401, "{\"error\":\"invalid_client\"}"));
        tokens.prefetch();
        tokens.awaitTokenRequests(WAIT); // the eager request has failed before anybody asks

        assertThatThrownBy(tokens::current).isInstanceOf(CoupaException.InvalidCredentials.class);
        assertThat(stub.tokenRequests).as("reported, not silently replaced by a new request").hasSize(1);

        // Reported once: the next caller asks again (the operator may have fixed the secret meanwhile).
        assertThat(tokens.current().value()).isEqualTo("tok-1");
        assertThat(stub.tokenRequests).hasSize(2);
    }
}
