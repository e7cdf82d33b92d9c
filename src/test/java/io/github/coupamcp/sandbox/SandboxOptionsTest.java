package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.sandbox.data.Scale;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxOptionsTest {

    @Test
    void defaultsFollowCoupa() {
        SandboxOptions o = SandboxOptions.builder().build();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isZero();
        assertThat(o.scale()).isEqualTo(Scale.SMALL);
        assertThat(o.tokenPropagationDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.tokenLifetime()).isEqualTo(Duration.ofSeconds(86_399));
        assertThat(o.rateLimit()).isEqualTo(new RateLimitSettings(true, 25, 20, true));
        assertThat(o.clients()).extracting(SandboxClient::id).containsExactly(SandboxOptions.DEMO_CLIENT_ID);
        assertThat(o.faults()).isEmpty();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> SandboxOptions.builder().port(70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.builder().rateLimit(0, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.builder().rateLimit(25, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.builder().tokenPropagationDelay(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.builder().tokenLifetime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SandboxOptions.builder()
                .addClient(SandboxClient.withScopes(SandboxOptions.DEMO_CLIENT_ID, "x", Set.of())).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> SandboxClient.withAllScopes("id", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultRule(FaultRule.Kind.STATUS, 200, 1, 0, 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientToStringNeverShowsTheSecret() {
        assertThat(SandboxClient.withAllScopes("demo", "s3cr3t").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void busyPortFailsClearly() {
        try (Sandbox first = Sandbox.start(SandboxOptions.builder().store(new FakeStore()).build())) {
            int port = URI.create(first.baseUrl()).getPort();
            assertThat(first.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThatThrownBy(() -> Sandbox.start(SandboxOptions.builder().store(new FakeStore()).port(port).build()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(String.valueOf(port));
        }
    }
}
