package io.github.coupamcp.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.coupamcp.config.AuthConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An OAuth authorization server of our own on 127.0.0.1 with its own RSA keys: serves RFC 8414 metadata and a JWKS,
 * counts JWKS fetches, rotates keys on demand and signs access tokens for the tests.
 */
public final class TestIssuer implements AutoCloseable {
    public static final String AUDIENCE = "http://127.0.0.1/mcp";

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final List<String> metadataPaths = new CopyOnWriteArrayList<>();
    private volatile RSAKey current;
    private volatile List<RSAKey> published;
    private volatile boolean metadataAtOpenIdPathOnly;
    private volatile boolean down;

    public TestIssuer() throws IOException {
        current = newKey("key-1");
        published = List.of(current);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request.getUrl().encodedPath());
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public String jwksUrl() {
        return issuer() + "/jwks";
    }

    /** The server's settings for this issuer, keys found through the issuer's metadata. */
    public AuthConfig config(String... requiredScopes) {
        return new AuthConfig(issuer(), AUDIENCE, null, List.of(requiredScopes));
    }

    private MockResponse answer(String path) {
        if (down) {
            return new MockResponse.Builder().code(503).body("down").build();
        }
        metadataPaths.add(path);
        boolean rfc8414 = path.equals("/.well-known/oauth-authorization-server");
        boolean openId = path.equals("/.well-known/openid-configuration");
        if (rfc8414 && !metadataAtOpenIdPathOnly || openId) {
            return json("{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + jwksUrl() + "\","
                    + "\"token_endpoint\":\"" + issuer() + "/token\"}");
        }
        if (path.equals("/jwks")) {
            jwksFetches.incrementAndGet();
            return json(new JWKSet(List.copyOf(published).stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK())
                    .toList()).toString());
        }
        return new MockResponse.Builder().code(404).body("").build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new signing key, published alongside the old one (as issuers do while tokens of the old key live on). */
    public RSAKey rotate(String kid) {
        RSAKey next = newKey(kid);
        published = List.of(current, next);
        current = next;
        return next;
    }

    public RSAKey currentKey() {
        return current;
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    public List<String> metadataPaths() {
        return metadataPaths;
    }

    public void metadataAtOpenIdPathOnly() {
        metadataAtOpenIdPathOnly = true;
    }

    public void down(boolean down) {
        this.down = down;
    }

    /** Claims of a valid token for {@link #AUDIENCE}, valid for five minutes, with the given scope claim. */
    public JWTClaimsSet.Builder claims(String scope) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE)
                .subject("agent-7").claim("client_id", "agent-client")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        return scope == null ? claims : claims.claim("scope", scope);
    }

    public String token(String scope) {
        return sign(current, claims(scope).build());
    }

    public String token(UnaryOperator<JWTClaimsSet.Builder> edit) {
        return sign(current, edit.apply(claims("mcp")).build());
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(new JOSEObjectType("at+jwt")).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
