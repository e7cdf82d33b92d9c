package io.github.coupamcp.sandbox;

import io.github.coupamcp.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issues and checks the sandbox's OAuth access tokens: HS256-signed JWTs carrying jti, iat, exp, scope and
 * client_id. Coupa asks clients to wait about five seconds before using a new token; the sandbox enforces that
 * with a propagation delay during which the token is refused. "Revoke all" and "expire now" work by
 * generation numbers, so no per-token state is needed.
 */
final class TokenService {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final int CACHE_LIMIT = 10_000;

    private final Clock clock;
    private final byte[] key;
    private final Map<String, SandboxClient> clients;
    private final Set<String> knownScopes;
    private volatile Duration propagationDelay;
    private volatile Duration lifetime;
    private final AtomicLong revokedGeneration = new AtomicLong();
    private final AtomicLong expiredGeneration = new AtomicLong();
    /** Parsed, signature-checked tokens; time-dependent checks still run on every use. */
    private final ConcurrentHashMap<String, AccessToken> verified = new ConcurrentHashMap<>();

    /** A verified token's claims. Times in epoch milliseconds. */
    record AccessToken(String clientId, Set<String> scopes, long issuedAtMillis, long expiresAtMillis,
            long revokeGeneration, long expireGeneration) {}

    /** Why a bearer token was refused. */
    enum Rejection {
        MALFORMED("The access token is invalid"),
        NOT_YET_ACTIVE("The access token is not active yet"),
        EXPIRED("The access token expired"),
        REVOKED("The access token was revoked");

        final String description;

        Rejection(String description) {
            this.description = description;
        }
    }

    /** Result of checking a bearer token: the token, or why it was refused. */
    record Check(AccessToken token, Rejection rejection) {}

    /** Outcome of a token request: the response fields, or an OAuth error and its status. */
    record Grant(String accessToken, Set<String> scopes, long expiresInSeconds, int errorStatus, String error,
            String errorDescription) {
        boolean ok() {
            return accessToken != null;
        }
    }

    TokenService(Clock clock, Iterable<SandboxClient> clients, Set<String> knownScopes, Duration propagationDelay,
            Duration lifetime) {
        this.clock = clock;
        this.key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.clients = new ConcurrentHashMap<>();
        clients.forEach(c -> this.clients.put(c.id(), c));
        this.knownScopes = Set.copyOf(knownScopes);
        this.propagationDelay = propagationDelay;
        this.lifetime = lifetime;
    }

    Grant issue(String grantType, String clientId, String clientSecret, String requestedScope) {
        if (clientId == null || clientSecret == null) {
            return error(401, "invalid_client", "Client authentication failed");
        }
        SandboxClient client = clients.get(clientId);
        if (client == null || !MessageDigest.isEqual(bytes(client.secret()), bytes(clientSecret))) {
            return error(401, "invalid_client", "Client authentication failed");
        }
        if (!"client_credentials".equals(grantType)) {
            return error(400, "unsupported_grant_type", "Only client_credentials is supported");
        }
        Set<String> allowed = client.allScopes() ? knownScopes : client.scopes();
        Set<String> granted = grantedScopes(requestedScope, allowed);
        if (granted.isEmpty()) {
            return error(400, "invalid_scope", "None of the requested scopes is allowed for this client");
        }
        long now = clock.millis();
        long lifetimeSeconds = lifetime.toSeconds();
        ObjectNode claims = Json.object();
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now / 1000);
        claims.put("exp", (now + lifetime.toMillis()) / 1000);
        claims.put("iat_ms", now);
        claims.put("exp_ms", now + lifetime.toMillis());
        claims.put("client_id", clientId);
        claims.put("scope", String.join(" ", granted));
        claims.put("rev", revokedGeneration.get());
        claims.put("xgen", expiredGeneration.get());
        String payload = B64.encodeToString(Json.MAPPER.writeValueAsBytes(claims));
        String unsigned = HEADER + "." + payload;
        String token = unsigned + "." + B64.encodeToString(sign(unsigned));
        return new Grant(token, granted, lifetimeSeconds, 0, null, null);
    }

    Check check(String bearer) {
        AccessToken token = verified.get(bearer);
        if (token == null) {
            token = parse(bearer);
            if (token == null) {
                return new Check(null, Rejection.MALFORMED);
            }
            if (verified.size() >= CACHE_LIMIT) {
                verified.clear();
            }
            verified.put(bearer, token);
        }
        long now = clock.millis();
        if (token.revokeGeneration() < revokedGeneration.get()) {
            return new Check(token, Rejection.REVOKED);
        }
        if (token.expireGeneration() < expiredGeneration.get() || now >= token.expiresAtMillis()) {
            return new Check(token, Rejection.EXPIRED);
        }
        if (now < token.issuedAtMillis() + propagationDelay.toMillis()) {
            return new Check(token, Rejection.NOT_YET_ACTIVE);
        }
        return new Check(token, null);
    }

    void revokeAll() {
        revokedGeneration.incrementAndGet();
    }

    void expireAll() {
        expiredGeneration.incrementAndGet();
    }

    Duration propagationDelay() {
        return propagationDelay;
    }

    void propagationDelay(Duration delay) {
        this.propagationDelay = delay;
    }

    Duration lifetime() {
        return lifetime;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    Set<String> knownScopes() {
        return knownScopes;
    }

    private static Set<String> grantedScopes(String requested, Set<String> allowed) {
        if (requested == null || requested.isBlank()) {
            return new java.util.TreeSet<>(allowed);
        }
        Set<String> granted = new LinkedHashSet<>();
        for (String scope : requested.trim().split("[\\s,]+")) {
            if (allowed.contains(scope)) {
                granted.add(scope);
            }
        }
        return granted;
    }

    private AccessToken parse(String bearer) {
        String[] parts = bearer.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64D.decode(parts[2]))) {
                return null;
            }
            JsonNode claims = Json.MAPPER.readTree(B64D.decode(parts[1]));
            Set<String> scopes = new LinkedHashSet<>(java.util.List.of(claims.path("scope").asString().split(" ")));
            return new AccessToken(claims.path("client_id").asString(), scopes, claims.path("iat_ms").asLong(),
                    claims.path("exp_ms").asLong(), claims.path("rev").asLong(), claims.path("xgen").asLong());
        } catch (IllegalArgumentException | JacksonException e) {
            return null;
        }
    }

    private byte[] sign(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(bytes(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Grant error(int status, String error, String description) {
        return new Grant(null, Set.of(), 0, status, error, description);
    }
}
