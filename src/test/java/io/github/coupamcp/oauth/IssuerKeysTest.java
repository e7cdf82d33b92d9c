package io.github.coupamcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IssuerKeysTest {
    private static final JWKSelector ANY = new JWKSelector(new JWKMatcher.Builder().build());

    /** System.nanoTime may be negative: the first lookup must not look like one inside a retry pause. */
    @Test
    void discoversWhenTheTickerIsNegative() throws Exception {
        try (TestIssuer issuer = new TestIssuer()) {
            IssuerKeys keys = new IssuerKeys(issuer.issuer(), null, Duration.ofSeconds(30), () -> -5_000_000_000L);
            assertThat(keys.get(ANY, null)).hasSize(1);
        }
    }

    @Test
    void aFailedDiscoveryIsRetriedAfterAPauseNotOnEveryRequest() throws Exception {
        try (TestIssuer issuer = new TestIssuer()) {
            AtomicLong now = new AtomicLong(-1);
            IssuerKeys keys = new IssuerKeys(issuer.issuer(), null, Duration.ofSeconds(30), now::get);
            issuer.down(true);
            assertThatThrownBy(() -> keys.get(ANY, null)).isInstanceOf(KeySourceException.class)
                    .hasMessageContaining("COUPA_MCP_AUTH_JWKS_URL");
            issuer.down(false);
            int lookups = issuer.metadataPaths().size();
            assertThatThrownBy(() -> keys.get(ANY, null)).isInstanceOf(KeySourceException.class);
            assertThat(issuer.metadataPaths()).hasSize(lookups);
            now.addAndGet(IssuerKeys.DISCOVERY_RETRY.toNanos());
            assertThat(keys.get(ANY, null)).hasSize(1);
        }
    }
}
