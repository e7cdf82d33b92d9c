package io.github.coupamcp.sandbox;

import io.github.coupamcp.testing.MutableClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One sandbox per test class over the {@link FakeStore}, with a hand-moved clock, rate limiting off and a
 * 50 ms token propagation delay that {@link #token()} steps over by moving the clock.
 */
abstract class SandboxTestBase {
    static final Duration PROPAGATION = Duration.ofMillis(50);
    static final String READER_ID = "invoice-reader";
    static final String READER_SECRET = "reader-secret";

    static MutableClock clock;
    static Sandbox sandbox;
    static SandboxHttp http;
    private static String demoToken;

    @BeforeAll
    static void startSandbox() {
        clock = new MutableClock();
        sandbox = Sandbox.start(SandboxOptions.builder()
                .store(new FakeStore())
                .clock(clock)
                .tokenPropagationDelay(PROPAGATION)
                .rateLimitEnabled(false)
                .addClient(SandboxClient.withScopes(READER_ID, READER_SECRET, Set.of("core.invoice.read")))
                .build());
        http = new SandboxHttp(sandbox);
        demoToken = null;
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void resetSandbox() {
        sandbox.control().reset();
        demoToken = null; // a test may have revoked or expired every token
    }

    /** A usable demo-client token (issued once per test, clock moved past its propagation delay). */
    static String token() {
        if (demoToken == null) {
            demoToken = http.accessToken(sandbox.clientId(), sandbox.clientSecret(), null);
            clock.advance(PROPAGATION);
        }
        return demoToken;
    }

    static String readerToken() {
        String t = http.accessToken(READER_ID, READER_SECRET, null);
        clock.advance(PROPAGATION);
        return t;
    }
}
