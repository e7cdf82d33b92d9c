package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class HumanQuestionTest {
    @Test
    void aTimeoutWrappedBySdkLayersReadsAsNoAnswer() {
        RuntimeException wrapped = new RuntimeException("reactor.core.Exceptions$ReactiveException: "
                + "java.util.concurrent.TimeoutException: Did not observe any item within 120000ms",
                new IllegalStateException(new TimeoutException("Did not observe any item within 120000ms")));
        assertThat(HumanQuestion.reason(wrapped)).isEqualTo("no answer in time");
    }

    @Test
    void otherFailuresKeepTheirWordsWithoutClassNames() {
        String reason = HumanQuestion.reason(new IllegalStateException(
                "io.modelcontextprotocol.spec.McpError: Client must be configured with elicitation capabilities"));
        assertThat(reason).isEqualTo("Client must be configured with elicitation capabilities")
                .doesNotContain("io.modelcontextprotocol");
    }
}
