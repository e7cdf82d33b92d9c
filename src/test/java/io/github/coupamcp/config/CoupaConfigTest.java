package io.github.coupamcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoupaConfigTest {
    private static final String SECRET = "very-secret-value";

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("COUPA_INSTANCE_URL", "https://acme.coupahost.com/");
        env.put("COUPA_CLIENT_ID", "client-1");
        env.put("COUPA_CLIENT_SECRET", SECRET);
        env.put("COUPA_SCOPES", "core.invoice.read  core.supplier.read");
        return env;
    }

    @Test
    void readsTheEnvironmentWithNamedDefaults() {
        CoupaConfig c = CoupaConfig.fromEnv(env());
        assertThat(c.instanceUrl()).isEqualTo("https://acme.coupahost.com");
        assertThat(c.tokenUrl()).isEqualTo("https://acme.coupahost.com/oauth2/token");
        assertThat(c.clientId()).isEqualTo("client-1");
        assertThat(c.clientSecret()).isEqualTo(SECRET);
        assertThat(c.scopes()).containsExactly("core.invoice.read", "core.supplier.read");
        assertThat(c.rateLimitPerSecond()).isEqualTo(CoupaConfig.DEFAULT_RATE_LIMIT_PER_SECOND).isEqualTo(25.0);
        assertThat(c.rateLimitBurst()).isEqualTo(20);
        assertThat(c.tokenPropagationDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.maxAttempts()).isEqualTo(CoupaConfig.DEFAULT_MAX_ATTEMPTS);
        assertThat(c.connectTimeout()).isEqualTo(CoupaConfig.DEFAULT_CONNECT_TIMEOUT);
    }

    @Test
    void readsOptionalSettings() {
        Map<String, String> env = env();
        env.put("COUPA_TOKEN_URL", "https://login.acme.example/oauth2/token");
        env.put("COUPA_READ_TIMEOUT", "1500ms");
        env.put("COUPA_CONNECT_TIMEOUT", "3");
        env.put("COUPA_CALL_TIMEOUT", "PT2M");
        env.put("COUPA_RATE_LIMIT", "10.5");
        env.put("COUPA_RATE_LIMIT_BURST", "5");
        env.put("COUPA_RATE_LIMIT_ADAPTIVE", "false");
        env.put("COUPA_MAX_ATTEMPTS", "2");
        env.put("COUPA_RETRY_DEADLINE", "1m");
        env.put("COUPA_TOKEN_PROPAGATION_DELAY", "0s");
        CoupaConfig c = CoupaConfig.fromEnv(env);
        assertThat(c.tokenUrl()).isEqualTo("https://login.acme.example/oauth2/token");
        assertThat(c.readTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.callTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.rateLimitPerSecond()).isEqualTo(10.5);
        assertThat(c.rateLimitBurst()).isEqualTo(5);
        assertThat(c.rateLimitAdaptive()).isFalse();
        assertThat(CoupaConfig.fromEnv(env()).rateLimitAdaptive()).as("adaptive by default").isTrue();
        assertThat(c.maxAttempts()).isEqualTo(2);
        assertThat(c.retryDeadline()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.tokenPropagationDelay()).isZero();
    }

    @Test
    void scopesDefaultToWhatTheToolsNeedWhenUnset() {
        Map<String, String> env = env();
        env.remove("COUPA_SCOPES");
        CoupaConfig c = CoupaConfig.builderFromEnv(env).defaultScopes(Set.of("core.approval.read")).build();
        assertThat(c.scopes()).containsExactly("core.approval.read");
        CoupaConfig explicit = CoupaConfig.builderFromEnv(env())
                .defaultScopes(Set.of("core.approval.read")).build();
        assertThat(explicit.scopes()).containsExactly("core.invoice.read", "core.supplier.read");
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COUPA_SCOPES");
    }

    @Test
    void missingIdOrSecretIsNamed() {
        Map<String, String> noSecret = env();
        noSecret.remove("COUPA_CLIENT_SECRET");
        assertThatThrownBy(() -> CoupaConfig.fromEnv(noSecret)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COUPA_CLIENT_SECRET");
        Map<String, String> noId = env();
        noId.put("COUPA_CLIENT_ID", " ");
        assertThatThrownBy(() -> CoupaConfig.fromEnv(noId)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COUPA_CLIENT_ID");
        Map<String, String> noUrl = env();
        noUrl.remove("COUPA_INSTANCE_URL");
        assertThatThrownBy(() -> CoupaConfig.fromEnv(noUrl)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COUPA_INSTANCE_URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.coupahost.com", "ftp://acme.coupahost.com", "https://", "https://acme.com/?x=1",
            "https://user:pw@acme.com", "http s://bad", "https://acme.com/#frag"})
    void malformedUrlsAreRefused(String url) {
        Map<String, String> env = env();
        env.put("COUPA_INSTANCE_URL", url);
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("instance URL").hasMessageNotContaining(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://acme.coupahost.com", "http://10.0.0.1:8080", "http://127.example.com",
            "http://128.0.0.1", "http://localhost.evil.com"})
    void plainHttpIsRefusedForNonLoopbackHosts(String url) {
        Map<String, String> env = env();
        env.put("COUPA_INSTANCE_URL", url);
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("plain http refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:4010", "http://127.1.2.3", "http://localhost:8080", "http://[::1]:4010",
            "https://acme.coupahost.com"})
    void plainHttpIsAllowedForLoopback(String url) {
        Map<String, String> env = env();
        env.put("COUPA_INSTANCE_URL", url);
        assertThat(CoupaConfig.fromEnv(env).instanceUrl()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://acme.coupahost.com/api", "https://acme.coupahost.com/api/",
            "https://acme.coupahost.com/oauth2/token", "https://acme.coupahost.com/API/invoices"})
    void anInstanceUrlNamingCoupasOwnPathsIsRefusedWithTheFix(String url) {
        Map<String, String> env = env();
        env.put("COUPA_INSTANCE_URL", url);
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("COUPA_INSTANCE_URL").hasMessageContaining("use https://acme.coupahost.com ");
    }

    @Test
    void trailingSlashesAndCaseAreNormalisedAndAPathPrefixIsKept() {
        Map<String, String> env = env();
        env.put("COUPA_INSTANCE_URL", "HTTPS://Acme.CoupaHost.com:8443//");
        assertThat(CoupaConfig.fromEnv(env).instanceUrl()).isEqualTo("https://acme.coupahost.com:8443");
        env.put("COUPA_INSTANCE_URL", "https://gateway.example.com/coupa/");
        CoupaConfig prefixed = CoupaConfig.fromEnv(env);
        assertThat(prefixed.instanceUrl()).isEqualTo("https://gateway.example.com/coupa");
        assertThat(prefixed.tokenUrl()).isEqualTo("https://gateway.example.com/coupa/oauth2/token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:hunter2@", "http s://user:hunter2@acme.com", "https://user:hunter2@acme.com"})
    void aPasswordTypedIntoTheUrlIsNeverEchoed(String url) {
        Map<String, String> env = env();
        env.put("COUPA_INSTANCE_URL", url);
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("instance URL").hasMessageNotContaining("hunter2");
    }

    @Test
    void plainHttpTokenUrlIsRefusedToo() {
        Map<String, String> env = env();
        env.put("COUPA_TOKEN_URL", "http://login.example.com/oauth2/token");
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("token URL");
    }

    @Test
    void badNumbersAndDurationsAreNamed() {
        Map<String, String> env = env();
        env.put("COUPA_RATE_LIMIT", "fast");
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).hasMessageContaining("COUPA_RATE_LIMIT");
        env.put("COUPA_RATE_LIMIT", "0");
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).hasMessageContaining("must be > 0");
        env.remove("COUPA_RATE_LIMIT");
        env.put("COUPA_READ_TIMEOUT", "soon");
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).hasMessageContaining("COUPA_READ_TIMEOUT");
        env.remove("COUPA_READ_TIMEOUT");
        env.put("COUPA_MAX_ATTEMPTS", "0");
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).hasMessageContaining("COUPA_MAX_ATTEMPTS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"COUPA_CONNECT_TIMEOUT=0", "COUPA_READ_TIMEOUT=0ms", "COUPA_CALL_TIMEOUT=PT0S",
            "COUPA_RETRY_DEADLINE=0s", "COUPA_READ_TIMEOUT=99999999999999999999s", "COUPA_CALL_TIMEOUT=9999999999999999h",
            "COUPA_TOKEN_PROPAGATION_DELAY=-1s", "COUPA_RATE_LIMIT_BURST=0", "COUPA_MAX_ATTEMPTS=50",
            "COUPA_RATE_LIMIT_ADAPTIVE=maybe"})
    void everyBadSettingIsRefusedNamingItsVariable(String setting) {
        String[] kv = setting.split("=", 2);
        Map<String, String> env = env();
        env.put(kv[0], kv[1]);
        assertThatThrownBy(() -> CoupaConfig.fromEnv(env)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(kv[0]).hasMessageNotContaining(SECRET);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        CoupaConfig c = CoupaConfig.fromEnv(env());
        assertThat(c.toString()).doesNotContain(SECRET).contains("clientSecret=****", "client-1");
        assertThat(c.toBuilder().build().clientSecret()).isEqualTo(SECRET);
    }
}
