package io.github.coupamcp.coupa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer playing Coupa, a fake clock, and clients built against them; checks the 50 cap after each test. */
abstract class ClientTestSupport {
    static final String SECRET = "s3cr3t-Value-Never-Shown";
    static final String CLIENT_ID = "mcp-client";

    final MutableClock clock = new MutableClock();
    final CoupaStub stub = new CoupaStub();
    final List<HttpCoupaClient> clients = new ArrayList<>();
    MockWebServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(stub);
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stopServer() {
        clients.forEach(HttpCoupaClient::close);
        for (RecordedRequest r : stub.apiRequests) {
            String limit = r.getUrl().queryParameter("limit");
            if (limit != null) {
                assertThat(Integer.parseInt(limit)).as("limit sent in %s", r.getTarget()).isBetween(1, 50);
            }
        }
        server.close();
    }

    CoupaConfig.Builder config() {
        return CoupaConfig.builder()
                .instanceUrl("http://127.0.0.1:" + server.getPort())
                .clientId(CLIENT_ID)
                .clientSecret(SECRET)
                .scopes("core.invoice.read", "core.supplier.read")
                .rateLimit(10_000, 200)
                .readTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(2));
    }

    HttpCoupaClient client() {
        return client(b -> {});
    }

    HttpCoupaClient client(Consumer<CoupaConfig.Builder> tweak) {
        CoupaConfig.Builder b = config();
        tweak.accept(b);
        HttpCoupaClient c = HttpCoupaClient.create(b.build(), FakeRuntime.of(clock));
        clients.add(c);
        return c;
    }

    /** A client whose token is already past the propagation window (the usual steady state). */
    HttpCoupaClient warmClient() {
        return warmClient(b -> {});
    }

    HttpCoupaClient warmClient(Consumer<CoupaConfig.Builder> tweak) {
        HttpCoupaClient c = client(tweak);
        c.awaitToken();
        clock.advance(Duration.ofSeconds(10));
        return c;
    }

    void waitForToken() {
        long until = System.nanoTime() + 5_000_000_000L;
        while (stub.tokenRequests.isEmpty() && System.nanoTime() < until) {
            sleepBriefly();
        }
        assertThat(stub.tokenRequests).as("token fetched eagerly").isNotEmpty();
    }

    static void sleepBriefly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
