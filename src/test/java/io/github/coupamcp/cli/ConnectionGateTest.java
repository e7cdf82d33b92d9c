package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.mcp.FakeCatalog;
import io.github.coupamcp.tools.ToolOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ConnectionGateTest {
    private final FakeCatalog tools = new FakeCatalog();
    private final CompletableFuture<Void> firstToken = new CompletableFuture<>();
    private final ConnectionGate gate = new ConnectionGate(tools, firstToken);

    private ToolOutcome echo() {
        return gate.call("echo", Json.object().put("text", "hi"));
    }

    @Test
    void callsGoThroughWhileTheFirstTokenIsPendingAndOnceItArrived() {
        assertThat(echo().isError()).isFalse();
        firstToken.complete(null);
        assertThat(echo().isError()).isFalse();
        assertThat(tools.calls).hasValue(2);
    }

    @Test
    void rejectedCredentialsAreTheAnswerOfEveryCallWithoutCallingTheTool() {
        firstToken.completeExceptionally(new CoupaException.InvalidCredentials("Coupa rejected the OAuth client "
                + "credentials for client id 'x' (HTTP 401)", 401, List.of(), "POST", "/oauth2/token", "r1"));
        for (int i = 0; i < 3; i++) {
            ToolOutcome outcome = echo();
            assertThat(outcome.isError()).isTrue();
            assertThat(outcome.text()).contains("rejected", "COUPA_CLIENT_ID", "COUPA_CLIENT_SECRET", "restart");
        }
        assertThat(tools.calls).hasValue(0);
        assertThat(gate.tools()).hasSize(3);
    }

    @Test
    void refusedScopesNameTheScopeAndAskForARestart() {
        firstToken.completeExceptionally(new CoupaException.Forbidden("refused", "core.invoice.read", "POST",
                "/oauth2/token", null));
        assertThat(echo().text()).contains("core.invoice.read", "COUPA_SCOPES", "restart");
    }

    @Test
    void anUnreachableInstanceIsTriedAgainOnEveryCall() {
        firstToken.completeExceptionally(new CoupaException.Unavailable("could not reach Coupa's token endpoint: "
                + "ConnectException", "POST", "/oauth2/token", null, null));
        assertThat(echo().isError()).isFalse();
        assertThat(tools.calls).hasValue(1);
    }

    @Test
    void anUnknownToolIsStillAnsweredAsUnknown() {
        firstToken.completeExceptionally(new CoupaException.AuthFailed("refused", "POST", "/oauth2/token", null));
        assertThat(gate.call("nope", Json.object()).text()).contains("Unknown tool");
    }

    @Test
    void theCustomFieldSurveyPassesTheSameGate() {
        assertThat(gate.customFields().isError()).isFalse();
        firstToken.completeExceptionally(new CoupaException.AuthFailed("refused", "POST", "/oauth2/token", null));
        assertThat(gate.customFields().text()).contains("COUPA_CLIENT_ID", "restart");
        assertThat(tools.calls).hasValue(1);
        assertThat(gate.recordTools()).isEqualTo(tools.recordTools());
    }
}
