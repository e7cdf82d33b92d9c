package io.github.coupamcp.coupa.http;

import static io.github.coupamcp.coupa.http.CoupaErrorBody.suffix;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.ClientMetrics;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.auth.AccessToken;
import io.github.coupamcp.coupa.auth.TokenCache;
import io.github.coupamcp.coupa.auth.TokenEndpoint;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends one logical call to Coupa and applies Coupa's rules, one exchange at a time:
 * client-side rate limit, circuit breaker, bearer token, then the outcome:
 * <ul>
 *   <li>2xx: the JSON body (anything else is an UnexpectedResponse, never mis-parsed);</li>
 *   <li>401: once per call — wait out the token's propagation window if it is young, else drop it and fetch another;
 *       a second 401 is AuthFailed;</li>
 *   <li>429, 502, 503, 504, I/O error: retried for GETs and token requests only, with full-jitter backoff or
 *       Retry-After, within the attempt and time budget; a request that provably never left (connect refused) is
 *       retried whatever its verb;</li>
 *   <li>403 Forbidden naming the scope, 404 NotFound, other 4xx BadRequest with Coupa's messages, other 5xx
 *       ServerError (not retried: Coupa's application failed on this very request).</li>
 * </ul>
 * Only 502, 503, 504 and I/O errors count against the circuit breaker. A stale pooled connection is not an I/O error
 * here: see {@link HttpClients}.
 * Each call gets a request id, sent as {@code X-Request-Id} and carried by logs and errors.
 * <p>One transport per Coupa connection: it owns the connection's token cache, and its token requests
 * ({@link #requestToken}) run through the same loop, so the token endpoint shares the connection's rate limit, adaptive
 * pause and circuit breaker instead of hammering a failing or throttling Coupa from a retry loop of its own.
 */
public final class CoupaTransport {
    private static final Logger LOG = LoggerFactory.getLogger(CoupaTransport.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final CoupaConfig config;
    private final OkHttpClient http;
    private final OkHttpClient writes;
    private final TokenCache tokens;
    private final InstanceGuards guards;
    private final HttpUrl tokenUrl;
    private final ClientRuntime runtime;
    private final ClientMetrics metrics;
    private final Backoff backoff;
    private final HttpUrl base;

    /** Creates the connection's token cache too; nothing is sent until its first token is asked for. */
    public CoupaTransport(CoupaConfig config, OkHttpClient http, InstanceGuards guards, ClientRuntime runtime,
            ClientMetrics metrics) {
        this.config = config;
        this.http = http;
        this.writes = HttpClients.forWrites(http);
        this.guards = guards;
        this.runtime = runtime;
        this.metrics = metrics;
        this.backoff = new Backoff(config.backoffBase(), config.backoffMax(), runtime.jitter());
        this.base = HttpUrl.get(config.instanceUrl());
        this.tokenUrl = HttpUrl.get(config.tokenUrl());
        // the endpoint calls back into this transport only once a token is asked for, after construction
        this.tokens = new TokenCache(new TokenEndpoint(this, config, runtime.clock()), runtime,
                config.tokenPropagationDelay());
    }

    /** The connection's token cache, which its owner closes. */
    public TokenCache tokens() {
        return tokens;
    }

    public JsonNode execute(CoupaRequest request) {
        metrics.logicalCall();
        Call call = new Call(request, UUID.randomUUID().toString(), runtime.clock().instant(), null, null);
        try {
            JsonNode result = run(call);
            LOG.debug("coupa requestId={} method={} resource={} status={} latencyMs={} attempts={} retries={}",
                    call.requestId, request.method(), request.resource(), call.lastStatus, call.elapsedMillis(),
                    call.exchanges, call.retries);
            return result;
        } catch (CoupaException e) {
            metrics.failure();
            LOG.info("coupa requestId={} method={} resource={} status={} latencyMs={} attempts={} retries={} "
                    + "failed: {}", call.requestId, request.method(), request.resource(), e.status(),
                    call.elapsedMillis(), call.exchanges, call.retries, e.getMessage());
            throw e;
        }
    }

    /**
     * Asks the token endpoint for a token, with the client's credentials in {@code form} instead of a bearer token,
     * through the same loop as API calls: a permit of this connection's rate limit (a 429 lowers it and pauses every
     * caller), its circuit breaker (an open one fails the request fast; 502/503/504 and I/O errors count), retries with
     * backoff or Retry-After within the deadline. Asking for a token creates nothing, so it is retried like a GET.
     * A 4xx other than 429 is {@code refusal}'s to explain (bad secret, refused scopes): final, and no evidence against
     * Coupa's health. Returns the JSON of the 2xx answer.
     */
    public JsonNode requestToken(RequestBody form, String requestId, TokenRefusal refusal) {
        CoupaRequest request = new CoupaRequest("POST", "token", tokenUrl.encodedPath(), List.of(), null);
        Call call = new Call(request, requestId, runtime.clock().instant(), form, refusal);
        try {
            return run(call);
        } catch (CoupaException e) {
            LOG.info("coupa token requestId={} status={} latencyMs={} attempts={} retries={} failed: {}",
                    call.requestId, e.status(), call.elapsedMillis(), call.exchanges, call.retries, e.getMessage());
            throw e;
        }
    }

    /** Explains a token endpoint's refusal (a 4xx other than 429) as the final exception to throw; never null. */
    @FunctionalInterface
    public interface TokenRefusal {
        CoupaException explain(int status, List<String> messages, String requestId);
    }

    private JsonNode run(Call call) {
        CoupaRequest req = call.request;
        while (true) {
            // a token request carries the credentials itself; an API call first needs the connection's token
            AccessToken token = call.tokenForm == null ? tokens.current() : null;
            waitForPermit(call);
            CircuitBreaker breaker = guards.circuitBreaker();
            if (!breaker.tryAcquirePermission()) {
                metrics.circuitRejection();
                throw circuitOpen(call);
            }
            long start = System.nanoTime();
            call.exchanges++;
            if (call.tokenForm != null) {
                metrics.tokenRequest();
            } else {
                metrics.request();
            }
            Answer answer;
            OkHttpClient client = call.repeatable ? http : writes;
            Request request = call.tokenForm != null ? tokenRequest(call) : build(req, call.requestId, token);
            try (Response response = client.newCall(request).execute()) {
                answer = read(response, call, call.tokenForm != null ? config.clientSecret() : token.value());
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // the caller was cancelled (or its scan stopped): not Coupa's ill health, and nobody awaits a retry
                    breaker.releasePermission();
                    throw new CoupaException.Unavailable("interrupted during " + req.method() + " " + req.path(),
                            req.method(), req.path(), call.requestId, e);
                }
                unhealthy(call, breaker, System.nanoTime() - start, e);
                metrics.ioError();
                boolean retryable = call.repeatable || neverReachedServer(e);
                CoupaException failure = ioFailure(e, call, retryable);
                retryOrThrow(call, retryable, null, null, failure, e.getClass().getSimpleName());
                continue;
            }
            long nanos = System.nanoTime() - start;
            call.lastStatus = answer.status;
            if (answer.status != 429 && answer.status < 500) {
                guards.rateLimit().onAccepted();
            }
            if (upstreamUnhealthy(answer.status)) {
                unhealthy(call, breaker, nanos, new IOException("HTTP " + answer.status));
            } else {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            }
            if (answer.status >= 200 && answer.status < 300) {
                return JsonBodies.parse(answer.body, answer.contentType, answer.status, req.method(), req.path(),
                        call.requestId);
            }
            if (call.refusal != null && answer.status >= 400 && answer.status < 500 && answer.status != 429) {
                throw call.refusal.explain(answer.status, answer.messages, call.requestId);
            }
            if (answer.status == 401) {
                handleUnauthorized(call, token, answer);
                continue;
            }
            handleFailure(call, answer);
        }
    }

    /**
     * A 401. A token younger than the propagation window may simply not be valid yet: wait out the rest, once per
     * call. An older one was revoked or expired: replace it, once per call. So a revoked token costs at most
     * refresh + wait; a third refusal, or a second of the same kind, is AuthFailed.
     */
    private void handleUnauthorized(Call call, AccessToken token, Answer answer) {
        CoupaRequest req = call.request;
        Duration age = token.age(runtime.clock().instant());
        boolean young = age.compareTo(config.tokenPropagationDelay()) < 0;
        if (young && !call.waitedForPropagation) {
            call.waitedForPropagation = true;
            metrics.authRetry();
            Duration wait = config.tokenPropagationDelay().minus(age);
            LOG.info("coupa requestId={} 401 on a token {} ms old: waiting {} ms for it to propagate, then retrying",
                    call.requestId, age.toMillis(), wait.toMillis());
            sleep(wait, call);
            return;
        }
        if (!young && !call.refreshedToken) {
            call.refreshedToken = true;
            metrics.authRetry();
            LOG.info("coupa requestId={} 401 on a token {} s old{}: fetching a new token and retrying",
                    call.requestId, age.toSeconds(), suffix(answer.messages));
            tokens.invalidate(token);
            return;
        }
        throw new CoupaException.AuthFailed("Coupa rejected the access token (HTTP 401) even after "
                + (call.refreshedToken ? "a fresh token" : "waiting for it to propagate")
                + "; the OAuth client may be disabled or lack access" + suffix(answer.messages), 401,
                answer.messages, req.method(), req.path(), call.requestId);
    }

    private void handleFailure(Call call, Answer answer) {
        CoupaRequest req = call.request;
        int status = answer.status;
        String where = req.method() + " " + req.path();
        switch (status) {
            case 429 -> {
                metrics.rateLimitedResponse();
                Duration retryAfter = RetryAfter.parse(answer.retryAfter, runtime.clock().instant()).orElse(null);
                // Adaptive limit: the pause it begins holds back every caller, this one included.
                Duration pause = guards.rateLimit().onRateLimited(call.sentAt, retryAfter);
                // the pause is the limiter's when Coupa named no wait: the log must not credit Retry-After for it
                retryOrThrow(call, call.repeatable, pause != null ? pause : retryAfter,
                        retryAfter != null ? "Retry-After" : pause != null ? "all calls paused" : null,
                        new CoupaException.RateLimited("Coupa answered 429 Too Many Requests to " + where
                                + attempts(call, call.repeatable), req.method(), req.path(), call.requestId), "429");
            }
            case 502, 503, 504 -> {
                metrics.serverError();
                Duration retryAfter = RetryAfter.parse(answer.retryAfter, runtime.clock().instant()).orElse(null);
                retryOrThrow(call, call.repeatable, retryAfter, retryAfter != null ? "Retry-After" : null,
                        new CoupaException.ServerError("Coupa answered HTTP "
                        + status + " to " + where + attempts(call, call.repeatable) + suffix(answer.messages),
                        status, answer.messages, req.method(), req.path(), call.requestId), "HTTP " + status);
            }
            case 403 -> {
                String scope = ScopeHints.scopeFor(answer.wwwAuthenticate, answer.body, answer.messages, req.method(),
                        req.resource());
                throw new CoupaException.Forbidden("Coupa refused " + where + " (HTTP 403): the OAuth client lacks "
                        + (scope == null ? "a required scope" : "the scope " + scope) + suffix(answer.messages),
                        scope, 403, answer.messages, req.method(), req.path(), call.requestId);
            }
            case 404 -> throw new CoupaException.NotFound("Coupa found nothing at " + where + " (HTTP 404)"
                    + suffix(answer.messages), answer.messages, req.method(), req.path(), call.requestId);
            default -> {
                if (status >= 500) {
                    metrics.serverError();
                    // Not retried, and no health failure: Coupa's application answered, usually because of the
                    // request's content (a date it cannot handle), so the same request would fail again.
                    throw new CoupaException.ServerError("Coupa failed with HTTP " + status + " on " + where
                            + notRetried(call, "HTTP " + status + " is an error of Coupa's application, which the "
                            + "same request would meet again") + suffix(answer.messages), status, answer.messages,
                            req.method(), req.path(), call.requestId);
                }
                if (status >= 400) {
                    throw new CoupaException.BadRequest("Coupa rejected " + where + " (HTTP " + status + ")"
                            + suffix(answer.messages), status, answer.messages, req.method(), req.path(),
                            call.requestId);
                }
                throw new CoupaException.UnexpectedResponse("Coupa answered " + where + " with unexpected HTTP "
                        + status, status, req.method(), req.path(), call.requestId);
            }
        }
    }

    /**
     * Sleeps and returns when another attempt is allowed (retryable, attempts left, wait inside the deadline);
     * otherwise throws {@code failure}.
     */
    private void retryOrThrow(Call call, boolean retryable, Duration retryAfter, String waitSource,
            CoupaException failure, String reason) {
        if (!retryable || call.exchanges >= config.maxAttempts()) {
            throw failure;
        }
        Duration wait = backoff.delay(call.retries + 1, retryAfter);
        Instant now = runtime.clock().instant();
        if (now.plus(wait).isAfter(call.deadline)) {
            LOG.info("coupa requestId={} {}: next wait {} ms would pass the {} s deadline; giving up",
                    call.requestId, reason, wait.toMillis(), config.retryDeadline().toSeconds());
            throw failure;
        }
        call.retries++;
        metrics.retry();
        LOG.info("coupa requestId={} method={} resource={} {}: retry {} in {} ms{}", call.requestId,
                call.request.method(), call.request.resource(), reason, call.retries, wait.toMillis(),
                waitSource != null ? " (" + waitSource + ")" : "");
        sleep(wait, call);
    }

    /** Queues for a permit of the connection's rate limit within the call's deadline; nothing is sent otherwise. */
    private void waitForPermit(Call call) {
        InstanceRateLimit limit = guards.rateLimit();
        Duration left = Duration.between(runtime.clock().instant(), call.deadline);
        Duration waited;
        try {
            waited = limit.acquire(left.isNegative() ? Duration.ZERO : left, runtime.sleeper());
        } catch (InstanceRateLimit.PermitTimeout e) {
            throw throttled(call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoupaException.Unavailable("interrupted while waiting for a rate limit permit for "
                    + call.request.method() + " " + call.request.path(), call.request.method(), call.request.path(),
                    call.requestId, e);
        }
        call.sentAt = limit.now();
        metrics.permitWait(waited);
        if (waited.compareTo(Duration.ZERO) > 0) {
            LOG.debug("coupa requestId={} waited {} ms for a rate limit permit (limit {} req/s)", call.requestId,
                    waited.toMillis(), AdaptiveRate.format(limit.limit()));
        }
    }

    private CoupaException throttled(Call call, InstanceRateLimit.PermitTimeout e) {
        CoupaRequest req = call.request;
        StringBuilder why = new StringBuilder("limit ").append(AdaptiveRate.format(e.limit())).append(" req/s");
        if (e.ahead() > 0) {
            why.append(", ").append(e.ahead()).append(" call(s) queued ahead");
        }
        if (!e.pause().isZero()) {
            why.append(", all calls paused ").append(seconds(e.pause())).append(" s more after Coupa's 429");
        }
        LOG.info("coupa requestId={} no rate limit permit within the deadline: would wait {} ms ({})", call.requestId,
                e.wouldWait().toMillis(), why);
        return new CoupaException.Throttled(req.method() + " " + req.path() + " would have waited about "
                + seconds(e.wouldWait()) + " s for the client-side rate limit (" + why + "), longer than the "
                + config.retryDeadline().toSeconds() + " s a call may take (" + CoupaConfig.ENV_RETRY_DEADLINE
                + ")" + (call.exchanges == 0 ? "; nothing was sent" : ", so attempt " + (call.exchanges + 1)
                + " was not sent") + ". Make fewer calls at once" + (req.listing() ? " or narrow the filters so fewer pages are needed" : "")
                + ", then retry; the operator can raise "
                + CoupaConfig.ENV_RETRY_DEADLINE + ".", req.method(), req.path(), call.requestId);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private Request build(CoupaRequest req, String requestId, AccessToken token) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments(req.path().replaceFirst("^/", ""));
        for (Map.Entry<String, String> p : req.params()) {
            url.addQueryParameter(p.getKey(), p.getValue());
        }
        RequestBody body = req.body() == null ? null : RequestBody.create(req.body().toString(), JSON);
        if (body == null && !req.method().equals("GET")) {
            body = RequestBody.create(new byte[0], null, 0, 0);
        }
        return new Request.Builder()
                .url(url.build())
                .method(req.method(), body)
                .header("Authorization", "Bearer " + token.value())
                .header("X-Request-Id", requestId)
                .build();
    }

    /** The token request: the form goes to the token URL, which may be another host than the instance's. */
    private Request tokenRequest(Call call) {
        return new Request.Builder().url(tokenUrl).post(call.tokenForm).header("X-Request-Id", call.requestId).build();
    }

    /**
     * Reads the whole body; a body cut short becomes an I/O error (retried for GETs, then UnexpectedResponse).
     * {@code neverShown}: the credential sent (token or client secret), which an echoing error body must not leak.
     */
    private Answer read(Response response, Call call, String neverShown) throws IOException {
        call.responseStarted = true;
        String body = response.body().string();
        List<String> messages = response.isSuccessful() ? List.of() : CoupaErrorBody.messages(body, neverShown);
        return new Answer(response.code(), body, response.header("Content-Type"), response.header("Retry-After"),
                response.header("WWW-Authenticate"), messages);
    }

    /**
     * The answers that speak of Coupa's health, for the circuit breaker: a gateway or proxy failing (502, 503, 504).
     * Any other answer, a 4xx or a plain 500 included, comes from Coupa's application — often because of the
     * request's own content — so one session's bad input never shuts every session out. I/O errors count too.
     */
    static boolean upstreamUnhealthy(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /**
     * Records a health failure, once per call: the retries of one slow or failing request (five read timeouts of one
     * heavy query) are one piece of evidence, not five, so a single call cannot open the circuit for every session.
     * Its later failures only give their permission back.
     */
    private static void unhealthy(Call call, CircuitBreaker breaker, long nanos, Throwable failure) {
        if (call.countedUnhealthy) {
            breaker.releasePermission();
            return;
        }
        call.countedUnhealthy = true;
        breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
    }

    /** Connection refused, unknown host, no route, TLS handshake: the request never reached Coupa. */
    static boolean neverReachedServer(IOException e) {
        return e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || e instanceof SSLHandshakeException;
    }

    private CoupaException ioFailure(IOException e, Call call, boolean retryable) {
        CoupaRequest req = call.request;
        if (call.responseStarted) {
            call.responseStarted = false;
            return new CoupaException.UnexpectedResponse("Coupa's response to " + req.method() + " " + req.path()
                    + " was cut off (truncated body)" + attempts(call, retryable), 0, req.method(), req.path(),
                    call.requestId, true, e);
        }
        String what = IoProblems.describe(e, config.connectTimeout(), config.readTimeout(), config.callTimeout());
        String who = call.tokenForm != null ? "Coupa's token endpoint at " + config.tokenUrl()
                : "Coupa at " + config.instanceUrl();
        return new CoupaException.Unavailable(who + " " + what + " on "
                + req.method() + " " + req.path() + attempts(call, retryable), req.method(), req.path(),
                call.requestId, e);
    }

    /**
     * How many attempts the call made and why it made no more, for a failure {@link #retryOrThrow} may throw: whoever
     * reads the message must not have to guess whether it was retried.
     */
    private String attempts(Call call, boolean retryable) {
        if (!retryable) {
            return notRetried(call, "a " + call.request.method()
                    + " that may have reached Coupa is never re-sent automatically");
        }
        if (call.exchanges >= config.maxAttempts()) {
            return " (gave up after " + count(call) + ")";
        }
        return " (gave up after " + count(call) + ": another would not fit in the "
                + IoProblems.human(config.retryDeadline()) + " retry deadline)";
    }

    private static String notRetried(Call call, String why) {
        return " (" + count(call) + "; not retried: " + why + ")";
    }

    private static String count(Call call) {
        return call.exchanges + (call.exchanges == 1 ? " attempt" : " attempts");
    }

    /** Refused before sending: says for how long calls fail fast, so nobody mistakes it for a slow or broken call. */
    private CoupaException circuitOpen(Call call) {
        CoupaRequest req = call.request;
        Duration retryIn = guards.circuitRetryIn();
        long seconds = Math.max(1, (retryIn.toMillis() + 999) / 1000);
        String when = retryIn.isZero()
                ? "a few trial calls are checking whether it recovered; try again in a few seconds"
                : "calls fail at once, without reaching Coupa, for about " + seconds + " s more; try again after that";
        return new CoupaException.CircuitOpen("Coupa at " + config.instanceUrl() + " is failing: the circuit breaker "
                + "opened after repeated HTTP 502/503/504 answers or connection failures, and " + when, retryIn,
                req.method(), req.path(), call.requestId);
    }

    private void sleep(Duration d, Call call) {
        runtime.pause(d, call.request.method(), call.request.path(), call.requestId);
    }

    /** State of one logical call across its exchanges. */
    private final class Call {
        final CoupaRequest request;
        final String requestId;
        final Instant deadline;
        final long startNanos = System.nanoTime();
        int exchanges;
        int retries;
        int lastStatus;
        /** When the last exchange got its permit, on the rate limit's ticker. */
        long sentAt;
        /** The token request's form; null for an API call. */
        final RequestBody tokenForm;
        final TokenRefusal refusal;
        /** Safe to send again after a failure that may have reached Coupa: GETs, and token requests. */
        final boolean repeatable;
        boolean waitedForPropagation;
        boolean refreshedToken;
        boolean responseStarted;
        boolean countedUnhealthy;

        Call(CoupaRequest request, String requestId, Instant now, RequestBody tokenForm, TokenRefusal refusal) {
            this.request = request;
            this.requestId = requestId;
            this.deadline = now.plus(config.retryDeadline());
            this.tokenForm = tokenForm;
            this.refusal = refusal;
            this.repeatable = request.idempotent() || tokenForm != null;
        }

        long elapsedMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }

    private record Answer(int status, String body, String contentType, String retryAfter, String wwwAuthenticate,
            List<String> messages) {}
}
