package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxAuthTest extends SandboxTestBase {

    @Test
    void issuesJwtShapedTokenWithCoupaFields() {
        HttpResponse<String> response = http.token("grant_type=client_credentials&client_id=" + sandbox.clientId()
                + "&client_secret=" + sandbox.clientSecret() + "&scope=core.invoice.read%20core.supplier.read");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = SandboxHttp.parse(response);
        assertThat(body.get("token_type").asString()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(86_399);
        assertThat(body.get("scope").asString()).isEqualTo("core.invoice.read core.supplier.read");
        String[] parts = body.get("access_token").asString().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("client_id").asString()).isEqualTo(sandbox.clientId());
        assertThat(claims.has("jti")).isTrue();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(86_399);
        assertThat(claims.get("scope").asString()).isEqualTo("core.invoice.read core.supplier.read");
    }

    @Test
    void acceptsHttpBasicClientAuthAndTheAccessTokensAlias() {
        String basic = Base64.getEncoder().encodeToString(
                (sandbox.clientId() + ":" + sandbox.clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/oauth2/access_tokens"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SandboxHttp.parse(response).get("scope").asString()).contains("core.invoice.read",
                "core.invoice.delete", "core.supplier.write", "core.common.read");
    }

    @Test
    void rejectsBadCredentialsWithInvalidClient() {
        HttpResponse<String> response = http.token("grant_type=client_credentials&client_id=" + sandbox.clientId()
                + "&client_secret=wrong");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SandboxHttp.parse(response).get("error").asString()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain(sandbox.clientSecret());
        assertThat(http.token("grant_type=client_credentials&client_id=nobody&client_secret=x").statusCode())
                .isEqualTo(401);
        assertThat(http.token("grant_type=client_credentials").statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsOtherGrantTypesAndScopesOutsideTheClient() {
        HttpResponse<String> grant = http.token("grant_type=password&client_id=" + sandbox.clientId()
                + "&client_secret=" + sandbox.clientSecret());
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.parse(grant).get("error").asString()).isEqualTo("unsupported_grant_type");
        HttpResponse<String> scope = http.token("grant_type=client_credentials&client_id=" + READER_ID
                + "&client_secret=" + READER_SECRET + "&scope=core.invoice.write");
        assertThat(scope.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.parse(scope).get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void grantsTheIntersectionOfRequestedAndAllowedScopes() {
        HttpResponse<String> response = http.token("grant_type=client_credentials&client_id=" + READER_ID
                + "&client_secret=" + READER_SECRET + "&scope=core.invoice.read+core.invoice.write");
        assertThat(SandboxHttp.parse(response).get("scope").asString()).isEqualTo("core.invoice.read");
    }

    @Test
    void newTokenIsRefusedDuringPropagationThenAccepted() {
        String fresh = http.accessToken(sandbox.clientId(), sandbox.clientSecret(), null);
        HttpResponse<String> early = http.get("/api/invoices/1", fresh, "application/json");
        assertThat(early.statusCode()).isEqualTo(401);
        assertThat(early.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"invalid_token\"");
        clock.advance(PROPAGATION);
        assertThat(http.get("/api/invoices/1", fresh, "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void realTimePropagationDelayAlsoElapses() throws Exception {
        Duration delay = Duration.ofMillis(300);
        try (Sandbox realTime = Sandbox.start(SandboxOptions.builder().store(new FakeStore())
                .tokenPropagationDelay(delay).rateLimitEnabled(false).build())) {
            SandboxHttp client = new SandboxHttp(realTime);
            long requested = System.nanoTime();
            String fresh = client.accessToken(realTime.clientId(), realTime.clientSecret(), null);
            // Real time must pass here (the default system clock path); on a loaded machine the first call may
            // already be late, so each answer is checked against the time it was sent, not assumed.
            long deadline = requested + Duration.ofSeconds(10).toNanos();
            int status;
            do {
                long sent = System.nanoTime();
                status = client.get("/api/invoices/1", fresh, "application/json").statusCode();
                if (sent - requested < delay.toNanos()) {
                    assertThat(status).as("answer to a call sent within the propagation delay").isEqualTo(401);
                }
                if (status == 401) {
                    Thread.sleep(20);
                }
            } while (status == 401 && System.nanoTime() < deadline);
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void missingOrForgedTokensAreUnauthorized() {
        HttpResponse<String> none = http.get("/api/invoices", null, "application/json");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        String[] parts = token().split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + "AA";
        HttpResponse<String> bad = http.get("/api/invoices", forged, "application/json");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
        assertThat(http.get("/api/invoices", "not-a-jwt", null).statusCode()).isEqualTo(401);
    }

    @Test
    void expiredTokenIsUnauthorized() {
        sandbox.control().tokenLifetime(Duration.ofSeconds(60));
        String shortLived = http.accessToken(sandbox.clientId(), sandbox.clientSecret(), null);
        clock.advance(PROPAGATION);
        assertThat(http.get("/api/invoices/1", shortLived, "application/json").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(61));
        HttpResponse<String> expired = http.get("/api/invoices/1", shortLived, "application/json");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token")
                .contains("expired");
    }

    @Test
    void revokeAllAndExpireNowRefuseEarlierTokensOnly() {
        String before = readerToken();
        sandbox.control().revokeAllTokens();
        assertThat(http.get("/api/invoices/1", before, "application/json").statusCode()).isEqualTo(401);
        String after = readerToken();
        assertThat(http.get("/api/invoices/1", after, "application/json").statusCode()).isEqualTo(200);
        sandbox.control().expireAllTokens();
        HttpResponse<String> expired = http.get("/api/invoices/1", after, "application/json");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("expired");
        assertThat(http.get("/api/invoices/1", readerToken(), "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void missingScopeIsForbiddenAndNamesTheScope() {
        String reader = readerToken();
        assertThat(http.get("/api/invoices", reader, "application/json").statusCode()).isEqualTo(200);
        HttpResponse<String> suppliers = http.get("/api/suppliers", reader, "application/json");
        assertThat(suppliers.statusCode()).isEqualTo(403);
        assertThat(suppliers.body()).contains("core.supplier.read");
        assertThat(suppliers.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("insufficient_scope").contains("core.supplier.read");
        HttpResponse<String> write = http.json("PUT", "/api/invoices/4/submit", reader, null);
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.body()).contains("core.invoice.write");
        HttpResponse<String> delete = http.json("PUT", "/api/invoices/1/void", reader, null);
        assertThat(delete.body()).contains("core.invoice.delete");
        assertThat(http.json("POST", "/api/invoices", reader, "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void tokenEndpointOnlyAcceptsPost() {
        HttpResponse<String> response = http.get("/oauth2/token", null, null);
        assertThat(response.statusCode()).isEqualTo(405);
    }
}
