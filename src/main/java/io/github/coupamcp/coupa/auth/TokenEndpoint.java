package io.github.coupamcp.coupa.auth;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.http.CoupaErrorBody;
import io.github.coupamcp.coupa.http.CoupaTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import okhttp3.FormBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * OAuth 2.0 client credentials against Coupa's token endpoint: the form, and the reading of its answers. The request
 * itself goes through the connection's {@link CoupaTransport} like any API call (rate limit, circuit breaker, one
 * retry loop): asking for a token has no side effect, so 429, 502/503/504 and I/O errors are retried with backoff; a
 * refusal of the credentials or of the scopes is final and reported as such.
 */
public final class TokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    /** Some token servers omit expires_in; assume an hour rather than a day. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final CoupaTransport transport;
    private final CoupaConfig config;
    private final Clock clock;
    private final String path;

    public TokenEndpoint(CoupaTransport transport, CoupaConfig config, Clock clock) {
        this.transport = transport;
        this.config = config;
        this.clock = clock;
        this.path = URI.create(config.tokenUrl()).getPath();
    }

    /** A fresh token (no predecessor), or a CoupaException saying why not. */
    public AccessToken fetch() {
        String requestId = UUID.randomUUID().toString();
        // the first attempt's start: an expiry counted from it errs early, whatever retries and waits followed
        Instant sentAt = clock.instant();
        JsonNode json = transport.requestToken(form(), requestId, this::refusal);
        AccessToken token = parse(json, sentAt, clock.instant(), requestId);
        LOG.info("coupa token fetched requestId={} expiresAt={} length={}", requestId, token.expiresAt(),
                token.value().length());
        return token;
    }

    private FormBody form() {
        return new FormBody.Builder()
                .add("grant_type", "client_credentials")
                .add("client_id", config.clientId())
                .add("client_secret", config.clientSecret())
                .add("scope", String.join(" ", config.scopes()))
                .build();
    }

    /**
     * A 4xx other than 429, always final: bad credentials (401, invalid_client), refused scopes (403, invalid_scope),
     * or an answer that is not OAuth's (a token URL that is not Coupa's).
     */
    private CoupaException refusal(int status, List<String> messages, String requestId) {
        String joined = String.join("; ", messages);
        boolean scopeProblem = status == 403 || joined.contains("invalid_scope");
        if (scopeProblem) {
            String scope = firstUnknownScope(joined);
            return new CoupaException.Forbidden("Coupa refused the requested OAuth scopes"
                    + (scope != null ? " (" + scope + ")" : " " + config.scopes())
                    + ": grant them to the OAuth client in Coupa or narrow COUPA_SCOPES" + CoupaErrorBody.suffix(messages),
                    scope, status, messages, "POST", path, requestId);
        }
        if (status == 401 || joined.contains("invalid_client") || joined.contains("unauthorized_client")
                || joined.contains("invalid_grant")) {
            return new CoupaException.InvalidCredentials("Coupa rejected the OAuth client credentials for client id '"
                    + config.clientId() + "' (HTTP " + status + "): check COUPA_CLIENT_ID and COUPA_CLIENT_SECRET"
                    + CoupaErrorBody.suffix(messages), status, messages, "POST", path, requestId);
        }
        return new CoupaException.UnexpectedResponse("Coupa's token endpoint answered HTTP " + status
                + CoupaErrorBody.suffix(messages), status, "POST", path, requestId);
    }

    private String firstUnknownScope(String text) {
        for (String scope : config.scopes()) {
            if (text.contains(scope)) {
                return scope;
            }
        }
        return null;
    }

    private AccessToken parse(JsonNode json, Instant sentAt, Instant receivedAt, String requestId) {
        JsonNode token = json.get("access_token");
        if (token == null || !token.isString() || token.asString().isBlank()) {
            throw new CoupaException.UnexpectedResponse("Coupa's token endpoint answered without an access_token",
                    200, "POST", path, requestId);
        }
        JsonNode expiresIn = json.get("expires_in");
        Duration lifetime = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? Duration.ofSeconds(expiresIn.asLong())
                : expiresIn != null && expiresIn.isString() && expiresIn.asString().matches("\\d+")
                        ? Duration.ofSeconds(Long.parseLong(expiresIn.asString()))
                        : DEFAULT_LIFETIME;
        // Each estimate errs on the safe side: Coupa issued the token between sentAt and receivedAt, so it becomes
        // valid no later than receivedAt + propagation delay, and expires no earlier than sentAt + lifetime.
        return new AccessToken(token.asString(), receivedAt, sentAt.plus(lifetime), null, grantedScopes(json));
    }

    /**
     * The {@code scope} of the answer (RFC 6749 5.1: space separated, sent when it differs from what was asked);
     * null when absent, which means the requested scopes were granted.
     */
    private static Set<String> grantedScopes(JsonNode json) {
        JsonNode scope = json.get("scope");
        if (scope == null || !scope.isString()) {
            return null;
        }
        Set<String> granted = new LinkedHashSet<>();
        for (String s : scope.asString().trim().split("[\\s,]+")) {
            if (!s.isEmpty()) {
                granted.add(s);
            }
        }
        return granted;
    }

}
