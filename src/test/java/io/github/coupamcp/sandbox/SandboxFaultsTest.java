package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

class SandboxFaultsTest extends SandboxTestBase {
    private static final String JSON = "application/json";

    /** Faults hit the token endpoint too, so every test takes its token before installing any. */
    @org.junit.jupiter.api.BeforeEach
    void tokenFirst() {
        token();
        sandbox.control().resetStats();
    }

    private static HttpResponse<String> admin(String method, String path, String body) {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/__sandbox" + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** Sends one raw HTTP/1.1 GET and returns every byte the server sent before closing. */
    private static String rawGet(String path) throws IOException {
        URI base = URI.create(sandbox.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: sandbox\r\nAccept: application/json\r\nAuthorization: Bearer "
                    + token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a reset after the partial body is as good as a close
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void rateLimitAnswers429WithRetryAfterThenWithout() {
        token();
        sandbox.control().rateLimit(new RateLimitSettings(true, 0.01, 2, true));
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = http.get("/api/invoices/1", token(), JSON);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(SandboxHttp.parse(limited).get("errors")).isNotNull();
        sandbox.control().rateLimit(new RateLimitSettings(true, 0.01, 1, false));
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(200);
        HttpResponse<String> bare = http.get("/api/invoices/1", token(), JSON);
        assertThat(bare.statusCode()).isEqualTo(429);
        assertThat(bare.headers().firstValue("Retry-After")).isEmpty();
        RequestStats stats = sandbox.control().stats();
        assertThat(stats.rateLimited()).isEqualTo(2);
        assertThat(stats.status(429)).isEqualTo(2);
        // the admin endpoint is never limited
        assertThat(admin("GET", "/stats", null).statusCode()).isEqualTo(200);
    }

    @Test
    void injectedStatusOnTheNthRequestOnly() {
        sandbox.control().fault(FaultRule.onNth(FaultRule.Kind.STATUS, 503, 2));
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(200);
        HttpResponse<String> second = http.get("/api/invoices/1", token(), JSON);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(SandboxHttp.parse(second).get("errors")).isNotNull();
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(200);
        assertThat(sandbox.control().stats().faultsInjected()).isEqualTo(1);
    }

    @Test
    void injectedStatusesAtASeededRateAndOnAPathPrefix() {
        sandbox.control().faults(List.of(FaultRule.atRate(FaultRule.Kind.STATUS, 500, 0.5).onPath("/api/suppliers")),
                7);
        int failures = 0;
        for (int i = 0; i < 40; i++) {
            int status = http.get("/api/suppliers/1", token(), JSON).statusCode();
            assertThat(status).isIn(200, 500);
            failures += status == 500 ? 1 : 0;
            assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(200);
        }
        assertThat(failures).isBetween(8, 32);
        for (int status : new int[] {502, 504}) {
            sandbox.control().fault(FaultRule.always(FaultRule.Kind.STATUS, status));
            assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(status);
        }
    }

    @Test
    void htmlErrorPageLikeAProxy() {
        sandbox.control().fault(FaultRule.always(FaultRule.Kind.HTML, 502));
        HttpResponse<String> response = http.get("/api/invoices/1", token(), JSON);
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.body()).contains("<title>502 Bad Gateway</title>");
    }

    @Test
    void malformedJsonBody() {
        sandbox.control().fault(FaultRule.always(FaultRule.Kind.MALFORMED, 0));
        HttpResponse<String> response = http.get("/api/invoices/1", token(), JSON);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Json.MAPPER.readTree(response.body())).isInstanceOf(JacksonException.class);
    }

    @Test
    void droppedConnectionSendsNothing() throws IOException {
        token();
        sandbox.control().fault(FaultRule.always(FaultRule.Kind.DROP, 0));
        assertThat(rawGet("/api/invoices/1")).isEmpty();
        assertThatThrownBy(() -> http.get("/api/invoices/1", token(), JSON)).isInstanceOf(RuntimeException.class);
        assertThat(sandbox.control().stats().status(RequestLog.NO_RESPONSE)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void truncatedBodyPromisesMoreThanItSends() throws IOException {
        token();
        sandbox.control().fault(FaultRule.always(FaultRule.Kind.TRUNCATE, 0));
        String raw = rawGet("/api/invoices/1");
        assertThat(raw).startsWith("HTTP/1.1 200");
        int headerEnd = raw.indexOf("\r\n\r\n");
        long declared = Long.parseLong(raw.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .findFirst().orElseThrow().substring(15).trim());
        int sent = raw.length() - headerEnd - 4;
        assertThat(sent).isPositive().isLessThan((int) declared);
        assertThatThrownBy(() -> http.get("/api/invoices/1", token(), JSON)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void addedLatencyDelaysButServes() {
        sandbox.control().fault(FaultRule.latency(120));
        long start = System.nanoTime();
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(120);
        RequestStats.Entry last = sandbox.control().stats().recent().get(sandbox.control().stats().recent().size() - 1);
        assertThat(last.fault()).isEqualTo("latency");
        assertThat(last.status()).isEqualTo(200);
    }

    @Test
    void requestLogCountsStatusesResourcesTokensAndRecent() {
        String fresh = http.accessToken(sandbox.clientId(), sandbox.clientSecret(), null);
        clock.advance(PROPAGATION);
        http.get("/api/invoices/1", fresh, JSON);
        http.get("/api/invoices/99999", fresh, JSON);
        http.get("/api/suppliers?limit=1", fresh, JSON);
        http.get("/api/suppliers", null, JSON);
        RequestStats stats = sandbox.control().stats();
        assertThat(stats.total()).isEqualTo(5);
        assertThat(stats.tokenRequests()).isEqualTo(1);
        assertThat(stats.status(200)).isEqualTo(3);
        assertThat(stats.status(404)).isEqualTo(1);
        assertThat(stats.status(401)).isEqualTo(1);
        assertThat(stats.resource("invoices")).isEqualTo(2);
        assertThat(stats.resource("suppliers")).isEqualTo(2);
        assertThat(stats.recent()).extracting(RequestStats.Entry::path).containsExactly("/oauth2/token",
                "/api/invoices/1", "/api/invoices/99999", "/api/suppliers", "/api/suppliers");
        assertThat(stats.recent().get(2).method()).isEqualTo("GET");
        assertThat(stats.recent().get(3).query()).isEqualTo("limit=1");
        assertThat(stats.recent().get(1).query()).isNull();
        assertThat(stats.recent().get(2).status()).isEqualTo(404);
        sandbox.control().resetStats();
        assertThat(sandbox.control().stats().total()).isZero();
    }

    @Test
    void adminEndpointReadsAndSwitchesEverything() {
        JsonNode settings = SandboxHttp.parse(admin("GET", "", null));
        assertThat(settings.get("rate_limit").get("enabled").asBoolean()).isFalse();
        assertThat(settings.get("tokens").get("propagation_delay_ms").asLong()).isEqualTo(50);

        HttpResponse<String> faults = admin("PUT", "/faults", "{\"seed\":3,\"rules\":[{\"kind\":\"status\","
                + "\"status\":504,\"nth\":1,\"path_prefix\":\"/api/invoices\"},{\"kind\":\"latency\",\"latency_ms\":1}]}");
        assertThat(faults.statusCode()).as(faults.body()).isEqualTo(200);
        assertThat(SandboxHttp.parse(faults).get("rules")).hasSize(2);
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(504);
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(200);
        assertThat(admin("POST", "/faults", "{\"kind\":\"html\"}").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(502);
        assertThat(SandboxHttp.parse(admin("DELETE", "/faults", null)).get("rules")).isEmpty();

        HttpResponse<String> rate = admin("PUT", "/rate-limit", "{\"enabled\":true,\"per_second\":0.01,\"burst\":1,"
                + "\"retry_after\":false}");
        assertThat(SandboxHttp.parse(rate).get("burst").asInt()).isEqualTo(1);
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/invoices/1", token(), JSON).statusCode()).isEqualTo(429);
        admin("PUT", "/rate-limit", "{\"enabled\":false}");

        JsonNode stats = SandboxHttp.parse(admin("GET", "/stats", null));
        assertThat(stats.get("faults_injected").asLong()).isEqualTo(3);
        assertThat(stats.get("rate_limited").asLong()).isEqualTo(1);
        assertThat(stats.get("by_status").get("504").asLong()).isEqualTo(1);
        assertThat(stats.get("by_resource").get("invoices").asLong()).isEqualTo(5);
        assertThat(stats.get("recent").get(0).get("path").asString()).isEqualTo("/api/invoices/1");
        assertThat(SandboxHttp.parse(admin("DELETE", "/stats", null)).get("total").asLong()).isZero();

        assertThat(SandboxHttp.parse(admin("PUT", "/tokens", "{\"propagation_delay_ms\":0}"))
                .get("propagation_delay_ms").asLong()).isZero();
        String t = token();
        assertThat(admin("POST", "/tokens/revoke-all", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/invoices/1", t, JSON).statusCode()).isEqualTo(401);
        String again = readerToken();
        assertThat(admin("POST", "/tokens/expire-now", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/invoices/1", again, JSON).statusCode()).isEqualTo(401);

        JsonNode reset = SandboxHttp.parse(admin("POST", "/reset", null));
        assertThat(reset.get("tokens").get("propagation_delay_ms").asLong()).isEqualTo(50);
        assertThat(reset.get("faults")).isEmpty();
    }

    @Test
    void adminEndpointRejectsBadInput() {
        assertThat(admin("PUT", "/faults", "{\"rules\":[{\"kind\":\"meteor\"}]}").statusCode()).isEqualTo(400);
        assertThat(admin("PUT", "/faults", "{\"rules\":[{\"kind\":\"status\",\"status\":200}]}").statusCode())
                .isEqualTo(400);
        assertThat(admin("PUT", "/faults", "{\"rules\":[{\"kind\":\"status\",\"rate\":2}]}").statusCode())
                .isEqualTo(400);
        assertThat(admin("PUT", "/rate-limit", "{\"per_second\":-1}").statusCode()).isEqualTo(400);
        assertThat(admin("PUT", "/rate-limit", "{\"burst\":\"lots\"}").statusCode()).isEqualTo(400);
        assertThat(admin("PUT", "/tokens", "not json").statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/nothing", null).statusCode()).isEqualTo(404);
        assertThat(sandbox.control().faults()).isEmpty();
    }
}
