package io.github.coupamcp.coupa.auth;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.http.Backoff;
import io.github.coupamcp.coupa.http.ClientRuntime;
import io.github.coupamcp.coupa.http.CoupaErrorBody;
import io.github.coupamcp.coupa.http.IoProblems;
import io.github.coupamcp.coupa.http.JsonBodies;
import io.github.coupamcp.coupa.http.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * OAuth 2.0 client credentials against Coupa's token endpoint. Asking for a token has no side effect, so 429, 5xx and
 * I/O errors are retried with backoff; a refusal of the credentials or of the scopes is final and reported as such.
 */
public final class TokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    /** Some token servers omit expires_in; assume an hour rather than a day. */
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final OkHttpClient http;
    private final CoupaConfig config;
    private final ClientRuntime runtime;
    private final AtomicLong requests;
    private final Backoff backoff;
    private final String path;

    /** {@code requests} counts every HTTP request sent to the token endpoint. */
    public TokenEndpoint(OkHttpClient http, CoupaConfig config, ClientRuntime runtime, AtomicLong requests) {
        this.http = http;
        this.config = config;
        this.runtime = runtime;
        this.requests = requests;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax(), runtime.jitter());
        this.path = URI.create(config.tokenUrl()).getPath();
    }

    /** A fresh token (no predecessor), or a CoupaException saying why not. */
    public AccessToken fetch() {
        String requestId = UUID.randomUUID().toString();
        Instant deadline = runtime.clock().instant().plus(config.retryDeadline());
        for (int attempt = 1; ; attempt++) {
            Instant sentAt = runtime.clock().instant();
            requests.incrementAndGet();
            String failure;
            Duration retryAfter = null;
            CoupaException last;
            try (Response response = http.newCall(request(requestId)).execute()) {
                String body = response.body().string();
                int status = response.code();
                if (response.isSuccessful()) {
                    AccessToken token = parse(body, response.header("Content-Type"), status, sentAt,
                            runtime.clock().instant(), requestId);
                    LOG.info("coupa token fetched requestId={} attempt={} expiresAt={} length={}", requestId, attempt,
                            token.expiresAt(), token.value().length());
                    return token;
                }
                List<String> messages = CoupaErrorBody.messages(body, config.clientSecret());
                last = refusal(status, messages, requestId);
                if (last != null) {
                    throw last;
                }
                failure = "HTTP " + status;
                last = status == 429
                        ? new CoupaException.RateLimited("Coupa's token endpoint kept answering 429 Too Many Requests",
                                "POST", path, requestId)
                        : new CoupaException.ServerError("Coupa's token endpoint failed with HTTP " + status + " ("
                                + attempt + (attempt == 1 ? " attempt)" : " attempts)"), status,
                                messages, "POST", path, requestId);
                if (status != 429 && status < 500) {
                    throw new CoupaException.UnexpectedResponse("Coupa's token endpoint answered HTTP " + status
                            + CoupaErrorBody.suffix(messages), status, "POST", path, requestId);
                }
                retryAfter = RetryAfter.parse(response.header("Retry-After"), runtime.clock().instant()).orElse(null);
            } catch (IOException e) {
                failure = e.getClass().getSimpleName();
                last = new CoupaException.Unavailable("Coupa's token endpoint " + IoProblems.describe(e,
                        config.connectTimeout(), config.readTimeout(), config.callTimeout()) + " (" + attempt
                        + (attempt == 1 ? " attempt)" : " attempts)"), "POST", path, requestId, null);
            }
            Duration wait = backoff.delay(attempt, retryAfter);
            if (attempt >= config.maxAttempts() || runtime.clock().instant().plus(wait).isAfter(deadline)) {
                throw last;
            }
            LOG.info("coupa token request failed ({}), retry {} in {} ms requestId={}", failure, attempt,
                    wait.toMillis(), requestId);
            runtime.pause(wait, "POST", path, requestId);
        }
    }

    private Request request(String requestId) {
        FormBody form = new FormBody.Builder()
                .add("grant_type", "client_credentials")
                .add("client_id", config.clientId())
                .add("client_secret", config.clientSecret())
                .add("scope", String.join(" ", config.scopes()))
                .build();
        return new Request.Builder().url(config.tokenUrl()).post(form).header("X-Request-Id", requestId).build();
    }

    /** Final refusals: bad credentials (401, invalid_client) and refused scopes (403, invalid_scope). */
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
        return null;
    }

    private String firstUnknownScope(String text) {
        for (String scope : config.scopes()) {
            if (text.contains(scope)) {
                return scope;
            }
        }
        return null;
    }

    private AccessToken parse(String body, String contentType, int status, Instant sentAt, Instant receivedAt,
            String requestId) {
        JsonNode json = JsonBodies.parse(body, contentType, status, "POST", path, requestId);
        JsonNode token = json.get("access_token");
        if (token == null || !token.isString() || token.asString().isBlank()) {
            throw new CoupaException.UnexpectedResponse("Coupa's token endpoint answered without an access_token",
                    status, "POST", path, requestId);
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
