package io.github.coupamcp.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.coupamcp.config.AuthConfig;
import io.github.coupamcp.oauth.TokenRejectedException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessTokenVerifierTest {
    private TestIssuer issuer;
    private AccessTokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        issuer = new TestIssuer();
        verifier = new AccessTokenVerifier(issuer.config());
    }

    @AfterEach
    void stop() {
        issuer.close();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> rejects(String token, Reason reason) {
        Throwable thrown = catchThrowable(() -> verifier.verify(token));
        assertThat(thrown).isInstanceOf(TokenRejectedException.class);
        assertThat(((TokenRejectedException) thrown).reason()).isEqualTo(reason);
        assertThat(thrown.getMessage()).isNotBlank().doesNotContain(token);
        return assertThat(thrown);
    }

    private static Date in(Duration offset) {
        return Date.from(Instant.now().plus(offset));
    }

    @Test
    void acceptsAValidTokenFoundThroughTheIssuersMetadata() throws Exception {
        VerifiedToken token = verifier.verify(issuer.token("mcp other"));
        assertThat(token.subject()).isEqualTo("agent-7");
        assertThat(token.clientId()).isEqualTo("agent-client");
        assertThat(token.scopes()).containsExactlyInAnyOrder("mcp", "other");
        assertThat(issuer.metadataPaths()).startsWith("/.well-known/oauth-authorization-server");
        assertThat(issuer.jwksFetches()).isEqualTo(1);
        verifier.verify(issuer.token("mcp"));
        assertThat(issuer.jwksFetches()).as("keys are cached").isEqualTo(1);
    }

    @Test
    void fallsBackToOpenIdDiscovery() throws Exception {
        issuer.metadataAtOpenIdPathOnly();
        assertThat(verifier.verify(issuer.token("mcp")).subject()).isEqualTo("agent-7");
        assertThat(issuer.metadataPaths()).contains("/.well-known/openid-configuration");
    }

    @Test
    void usesTheConfiguredJwksUrlWithoutDiscovery() throws Exception {
        verifier = new AccessTokenVerifier(new AuthConfig(issuer.issuer(), TestIssuer.AUDIENCE, issuer.jwksUrl(),
                List.of()));
        verifier.verify(issuer.token("mcp"));
        assertThat(issuer.metadataPaths()).containsExactly("/jwks");
    }

    @Test
    void refusesAnotherIssuer() {
        rejects(issuer.token(c -> c.issuer("https://evil.example")), Reason.INVALID_TOKEN)
                .hasMessageContaining("iss");
    }

    @Test
    void refusesAnotherAudience() {
        rejects(issuer.token(c -> c.audience("https://other-server.example/mcp")), Reason.INVALID_TOKEN)
                .hasMessageContaining("aud");
        rejects(issuer.token(c -> c.audience((String) null)), Reason.INVALID_TOKEN);
    }

    @Test
    void refusesExpiredTokensBeyondTheClockSkew() throws Exception {
        rejects(issuer.token(c -> c.expirationTime(in(Duration.ofMinutes(-2)))), Reason.INVALID_TOKEN)
                .hasMessageContaining("Expired");
        rejects(issuer.token(c -> c.expirationTime(null)), Reason.INVALID_TOKEN);
        // a few seconds of drift between the issuer's clock and ours is tolerated
        verifier.verify(issuer.token(c -> c.expirationTime(in(Duration.ofSeconds(-10)))));
    }

    @Test
    void refusesTokensNotYetValidBeyondTheClockSkew() throws Exception {
        rejects(issuer.token(c -> c.notBeforeTime(in(Duration.ofMinutes(2)))), Reason.INVALID_TOKEN);
        verifier.verify(issuer.token(c -> c.notBeforeTime(in(Duration.ofSeconds(10)))));
    }

    @Test
    void refusesABadSignature() {
        RSAKey impostor = TestIssuer.newKey(issuer.currentKey().getKeyID()); // same kid, other key
        rejects(TestIssuer.sign(impostor, issuer.claims("mcp").build()), Reason.INVALID_TOKEN)
                .hasMessageContaining("signature");
        String valid = issuer.token("mcp");
        int signature = valid.lastIndexOf('.') + 1;
        String tampered = valid.substring(0, signature) + "AAAA" + valid.substring(signature + 4);
        rejects(tampered, Reason.INVALID_TOKEN);
    }

    @Test
    void refusesUnsignedTokens() {
        rejects(new PlainJWT(issuer.claims("mcp").build()).serialize(), Reason.INVALID_TOKEN)
                .hasMessageContaining("not a signed JWT");
        rejects("not-a-jwt", Reason.INVALID_TOKEN);
    }

    @Test
    void refusesHmacTokensKeyedWithThePublicKey() throws Exception {
        // alg confusion: a verifier that took the algorithm from the header would check this with the public key
        byte[] publicKey = issuer.currentKey().toRSAPublicKey().getEncoded();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(issuer.currentKey().getKeyID()).build(), issuer.claims("mcp").build());
        forged.sign(new MACSigner(publicKey));
        rejects(forged.serialize(), Reason.INVALID_TOKEN);
    }

    @Test
    void fetchesTheKeysAgainWhenTheIssuerRotates() throws Exception {
        String old = issuer.token("mcp");
        verifier.verify(old);
        issuer.rotate("key-2");
        assertThat(verifier.verify(issuer.token("mcp")).subject()).isEqualTo("agent-7");
        assertThat(issuer.jwksFetches()).isEqualTo(2);
        verifier.verify(old);
        assertThat(issuer.jwksFetches()).isEqualTo(2);
    }

    @Test
    void unknownKeyIdsCannotMakeTheServerHammerTheIssuer() throws Exception {
        verifier.verify(issuer.token("mcp"));
        RSAKey stranger = TestIssuer.newKey("unused");
        for (int i = 0; i < 30; i++) {
            RSAKey named = new RSAKey.Builder(stranger).keyID("unknown-" + i).build();
            rejects(TestIssuer.sign(named, issuer.claims("mcp").build()), Reason.INVALID_TOKEN);
        }
        assertThat(issuer.jwksFetches()).isLessThanOrEqualTo(IssuerKeys.FETCHES_PER_INTERVAL);
        // and known keys keep working meanwhile
        verifier.verify(issuer.token("mcp"));
    }

    @Test
    void requiredScopesAreCheckedAfterTheToken() throws Exception {
        verifier = new AccessTokenVerifier(issuer.config("mcp:tools", "mcp:read"));
        rejects(issuer.token("mcp:tools"), Reason.INSUFFICIENT_SCOPE).hasMessageContaining("mcp:read");
        rejects(issuer.token((String) null), Reason.INSUFFICIENT_SCOPE);
        assertThat(verifier.verify(issuer.token("mcp:read other mcp:tools")).scopes()).contains("mcp:read");
        assertThat(verifier.verify(issuer.token(c -> c.claim("scope", null)
                .claim("scp", List.of("mcp:tools", "mcp:read")))).scopes()).contains("mcp:tools");
        // a bad token is invalid, not merely short of scope
        rejects(issuer.token(c -> c.audience("https://x.example/mcp").claim("scope", "")), Reason.INVALID_TOKEN);
    }

    @Test
    void anUnreachableIssuerIsReportedAsSuch() {
        issuer.down(true);
        rejects(issuer.token("mcp"), Reason.ISSUER_UNAVAILABLE).hasMessageContaining("retry");
    }

    @Test
    void metadataUrlsFollowTheMcpDiscoveryOrder() {
        assertThat(IssuerKeys.metadataUrls("https://auth.example")).containsExactly(
                "https://auth.example/.well-known/oauth-authorization-server",
                "https://auth.example/.well-known/openid-configuration");
        assertThat(IssuerKeys.metadataUrls("https://auth.example/tenant1")).containsExactly(
                "https://auth.example/.well-known/oauth-authorization-server/tenant1",
                "https://auth.example/.well-known/openid-configuration/tenant1",
                "https://auth.example/tenant1/.well-known/openid-configuration");
    }
}
