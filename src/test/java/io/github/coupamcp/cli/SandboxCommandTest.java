package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SandboxCommandTest {

    @Test
    void startsTheSandboxAndPrintsUrlAndDemoCredentials() throws Exception {
        SandboxCommand command = new SandboxCommand();
        new CommandLine(command).parseArgs("--port", "0", "--seed", "7", "--scale", "SMALL", "--token-delay-ms", "0",
                "--no-rate-limit");
        assertThat(command.scale).isEqualTo(Scale.SMALL);
        StringWriter printed = new StringWriter();
        try (Sandbox sandbox = command.start(new PrintWriter(printed))) {
            assertThat(printed.toString()).contains("Coupa sandbox running at " + sandbox.baseUrl())
                    .contains("client id:     " + SandboxOptions.DEMO_CLIENT_ID)
                    .contains("client secret: " + SandboxOptions.DEMO_CLIENT_SECRET);
            HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(sandbox.tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + sandbox.clientId() + "&client_secret=" + sandbox.clientSecret()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);
            assertThat(sandbox.control().rateLimit().enabled()).isFalse();
        }
    }

    @Test
    void faultsAndRetryAfterCanBeSetAtStart() throws Exception {
        SandboxCommand command = new SandboxCommand();
        new CommandLine(command).parseArgs("--port", "0", "--token-delay-ms", "0", "--no-retry-after",
                "--fault", "{\"kind\":\"status\",\"status\":503,\"nth\":2,\"path_prefix\":\"/api/\"}",
                "--fault", "{\"kind\":\"latency\",\"latency_ms\":1}");
        try (Sandbox sandbox = command.start(new PrintWriter(new StringWriter()))) {
            assertThat(sandbox.control().faults()).extracting(FaultRule::kind)
                    .containsExactly(FaultRule.Kind.STATUS, FaultRule.Kind.LATENCY);
            assertThat(sandbox.control().rateLimit().retryAfter()).isFalse();
            HttpClient client = HttpClient.newHttpClient();
            String token = io.github.coupamcp.json.Json.MAPPER.readTree(client.send(HttpRequest.newBuilder(
                            URI.create(sandbox.tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + sandbox.clientId() + "&client_secret=" + sandbox.clientSecret()))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asString();
            HttpRequest get = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/currencies/1"))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
            assertThat(client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
            assertThat(client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rejectsABadFaultNamingTheProblem() {
        assertThatThrownBy(() -> new CommandLine(new SandboxCommand()).parseArgs("--fault", "{\"kind\":\"meteor\"}"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("meteor");
        assertThatThrownBy(() -> new CommandLine(new SandboxCommand()).parseArgs("--fault", "drop"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("JSON object");
    }

    @Test
    void rejectsAnUnknownScale() {
        assertThatThrownBy(() -> new CommandLine(new SandboxCommand()).parseArgs("--scale", "huge"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("huge");
    }

    @Test
    void versionIsTheProducts() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SandboxCommand());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("coupa-mcp ");
    }

    @Test
    void helpDescribesTheOptions() {
        StringWriter usage = new StringWriter();
        new CommandLine(new SandboxCommand()).usage(new PrintWriter(usage));
        assertThat(usage.toString()).contains("--port", "--seed", "--scale", "--no-rate-limit");
    }
}
