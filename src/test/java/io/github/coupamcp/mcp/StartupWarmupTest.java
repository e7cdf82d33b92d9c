package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

@Timeout(30)
class StartupWarmupTest {
    /** The warm-up is worth something only if it runs the path of a real initialize, to its serialised answer. */
    @Test
    void theThrowawayServerAnswersInitializeAsTheRealOneDoes() throws Exception {
        JsonNode answer = Json.MAPPER.readTree(StartupWarmup.initializeOnce());
        assertThat(answer.path("id").asInt()).isZero();
        assertThat(answer.at("/result/protocolVersion").asString()).isEqualTo("2025-06-18");
        assertThat(answer.at("/result/serverInfo/name").asString()).isEqualTo(McpServerFactory.SERVER_NAME);
        assertThat(answer.at("/result/capabilities/tools/listChanged").asBoolean()).isTrue();
        assertThat(answer.at("/result/capabilities/resources/subscribe").asBoolean(true)).isFalse();
        assertThat(answer.has("error")).isFalse();
    }

    @Test
    void itCanRunAgainBesideARealServer() throws Exception {
        // each run builds and closes its own server: nothing is shared with the one that serves stdin
        StartupWarmup.initializeOnce();
        assertThat(Json.MAPPER.readTree(StartupWarmup.initializeOnce()).at("/result/serverInfo/version").asString())
                .isEqualTo("warm-up");
    }
}
