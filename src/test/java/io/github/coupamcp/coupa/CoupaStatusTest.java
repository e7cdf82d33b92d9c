package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static io.github.coupamcp.coupa.CoupaStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What /readyz and /metrics learn from the client: costs no API request, never shows a secret. */
class CoupaStatusTest extends ClientTestSupport {
    @Test
    void readyOnceATokenIsAtHandWithoutCallingTheApi() {
        HttpCoupaClient client = warmClient();
        assertThat(client.notReady()).isNull();
        assertThat(client.circuitState()).isEqualTo("CLOSED");
        assertThat(stub.apiRequests).isEmpty();
    }

    @Test
    void badCredentialsMakeItNotReadyAndSayWhy() {
        stub.enqueueToken(json(401, "{\"error\":\"invalid_client\"}"));
        HttpCoupaClient client = client();
        assertThat(client.notReady()).contains("COUPA_CLIENT_SECRET").doesNotContain(SECRET);
        assertThat(client.metrics().tokenFetches()).isEqualTo(1);
    }

    @Test
    void anOpenCircuitMakesItNotReadyUntilCoupaRecovers() {
        stub.fallback(r -> status(503));
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(1).circuitOpenDuration(Duration.ofSeconds(30)));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()));
        }
        assertThat(client.circuitState()).isEqualTo("OPEN");
        assertThat(client.notReady()).contains("paused for about 30 s");

        stub.fallback(r -> json(200, "[]"));
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 5; i++) {
            client.list("invoices", CoupaQuery.all());
        }
        assertThat(client.notReady()).isNull();
    }
}
