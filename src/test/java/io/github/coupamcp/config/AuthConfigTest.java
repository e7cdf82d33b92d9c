package io.github.coupamcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
    @Test
    void offWhenNothingIsSet() {
        assertThat(AuthConfig.fromEnv(Map.of())).isNull();
        assertThat(ServerConfig.fromEnv(Map.of()).build().auth()).isNull();
    }

    @Test
    void readsTheEnvironment() {
        AuthConfig auth = ServerConfig.fromEnv(Map.of(
                AuthConfig.ENV_ISSUER, "https://auth.example.com",
                AuthConfig.ENV_AUDIENCE, "https://mcp.example.com/mcp",
                AuthConfig.ENV_SCOPES, "mcp:tools, mcp:read")).build().auth();
        assertThat(auth.issuer()).isEqualTo("https://auth.example.com");
        assertThat(auth.jwksUrl()).isNull();
        assertThat(auth.requiredScopes()).containsExactly("mcp:tools", "mcp:read");
        assertThat(auth.resourceMetadataUrl())
                .isEqualTo("https://mcp.example.com/.well-known/oauth-protected-resource/mcp");
    }

    @Test
    void needsIssuerAndAudienceTogether() {
        assertThatThrownBy(() -> AuthConfig.fromEnv(Map.of(AuthConfig.ENV_ISSUER, "https://auth.example.com")))
                .isInstanceOf(ServerConfigException.class).hasMessageContaining(AuthConfig.ENV_AUDIENCE);
    }

    @Test
    void keysComeOverHttpsUnlessLoopback() {
        assertThatThrownBy(() -> AuthConfig.fromEnv(Map.of(AuthConfig.ENV_ISSUER, "http://auth.example.com",
                AuthConfig.ENV_AUDIENCE, "https://mcp.example.com/mcp")))
                .isInstanceOf(ServerConfigException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> AuthConfig.fromEnv(Map.of(AuthConfig.ENV_ISSUER, "https://auth.example.com",
                AuthConfig.ENV_AUDIENCE, "https://mcp.example.com/mcp", AuthConfig.ENV_JWKS_URL, "file:///etc/keys")))
                .isInstanceOf(ServerConfigException.class).hasMessageContaining(AuthConfig.ENV_JWKS_URL);
        assertThat(AuthConfig.fromEnv(Map.of(AuthConfig.ENV_ISSUER, "http://127.0.0.1:9000",
                AuthConfig.ENV_AUDIENCE, "http://127.0.0.1:8080/mcp"))).isNotNull();
    }

    @Test
    void oauthIsEnoughToBindAPublicAddress() {
        ServerConfig config = ServerConfig.fromEnv(Map.of(ServerConfig.ENV_HOST, "0.0.0.0",
                AuthConfig.ENV_ISSUER, "https://auth.example.com",
                AuthConfig.ENV_AUDIENCE, "https://mcp.example.com/mcp")).build();
        assertThat(config.requireSafeHttpBind()).isSameAs(config);
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of(ServerConfig.ENV_HOST, "0.0.0.0")).build()
                .requireSafeHttpBind()).hasMessageContaining(AuthConfig.ENV_ISSUER);
    }
}
