package io.github.coupamcp.coupa;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.auth.TokenCache;
import io.github.coupamcp.coupa.http.ClientRuntime;
import io.github.coupamcp.coupa.http.CoupaRequest;
import io.github.coupamcp.coupa.http.CoupaTransport;
import io.github.coupamcp.coupa.http.HttpClients;
import io.github.coupamcp.coupa.http.InstanceGuards;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link CoupaClient} over Coupa's REST API. {@link #create} starts fetching the token at once, so Coupa's
 * propagation window passes while the caller finishes starting up. Thread-safe.
 * <p>One client object is one Coupa connection: it owns its token cache, rate limiter and circuit breaker, which
 * every caller of the object (every MCP session served by it) shares, and which it closes with itself. Another
 * client object, even for the same instance and credentials (another tenant), shares none of them: its own token,
 * its own limit, its own breaker, its own settings. To share, share the client object.
 */
public final class HttpCoupaClient implements CoupaClient, CoupaStatus {
    /** A URL segment path such as {@code invoices} or {@code suppliers/12/addresses}: no dots, queries or escapes. */
    private static final Pattern RESOURCE = Pattern.compile("[a-z][a-z0-9_]*(/[a-z0-9_]+)*");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*");

    private final CoupaConfig config;
    private final ClientMetrics metrics;
    private final TokenCache tokens;
    private final InstanceGuards guards;
    private final CoupaTransport transport;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private HttpCoupaClient(CoupaConfig config, ClientRuntime runtime) {
        this.config = config;
        OkHttpClient http = HttpClients.forConfig(config);
        this.guards = new InstanceGuards(config, runtime);
        this.metrics = new ClientMetrics(new AtomicLong(), guards.rateLimit()::limit);
        this.transport = new CoupaTransport(config, http, guards, runtime, metrics);
        this.tokens = transport.tokens();
    }

    public static HttpCoupaClient create(CoupaConfig config) {
        return create(config, ClientRuntime.system());
    }

    /** With an injected clock, sleeper and jitter (tests). */
    public static HttpCoupaClient create(CoupaConfig config, ClientRuntime runtime) {
        HttpCoupaClient client = new HttpCoupaClient(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(runtime, "runtime"));
        client.tokens.prefetch();
        return client;
    }

    /**
     * Waits for the eagerly requested token: returns once Coupa issued one, throws the CoupaException saying why
     * not (bad credentials, refused scopes, instance unreachable). Lets a server fail fast at start-up.
     */
    public void awaitToken() {
        tokens.current();
    }

    /**
     * The OAuth scopes Coupa granted with the current token, when its token answer listed them; fetches the token if
     * needed (throws like {@link #awaitToken()}).
     */
    public Optional<Set<String>> grantedScopes() {
        return tokens.current().grantedScopes();
    }

    @Override
    public ClientMetrics metrics() {
        return metrics;
    }

    @Override
    public String notReady() {
        if (guards.circuitBreaker().getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN) {
            return "Coupa failed repeatedly: calls are paused for about " + guards.circuitRetryIn().toSeconds() + " s";
        }
        try {
            tokens.current();
            return null;
        } catch (CoupaException e) {
            return e.getMessage();
        }
    }

    @Override
    public String circuitState() {
        return guards.circuitBreaker().getState().name();
    }

    public CoupaConfig config() {
        return config;
    }

    @Override
    public List<ObjectNode> list(String resource, CoupaQuery query) {
        checkResource(resource);
        JsonNode json = transport.execute(CoupaRequest.get(resource, "/api/" + resource, query.toParams()));
        if (!json.isArray()) {
            throw new CoupaException.UnexpectedResponse("Coupa answered GET /api/" + resource
                    + " with a JSON " + json.getNodeType().name().toLowerCase() + " where a list was expected", 200,
                    "GET", "/api/" + resource, null);
        }
        List<ObjectNode> records = new ArrayList<>(json.size());
        for (JsonNode item : json) {
            if (!(item instanceof ObjectNode record)) {
                throw new CoupaException.UnexpectedResponse("Coupa's list of " + resource
                        + " holds something other than records", 200, "GET", "/api/" + resource, null);
            }
            records.add(record);
        }
        return records;
    }

    @Override
    public ObjectNode get(String resource, long id, Fields fields) {
        checkResource(resource);
        return object(new CoupaRequest("GET", resource, recordPath(resource, id), fieldParams(fields), null));
    }

    @Override
    public ObjectNode create(String resource, JsonNode body, Fields fields) {
        checkResource(resource);
        Objects.requireNonNull(body, "body");
        return object(new CoupaRequest("POST", resource, "/api/" + resource, fieldParams(fields), body));
    }

    @Override
    public ObjectNode update(String resource, long id, JsonNode body, Fields fields) {
        checkResource(resource);
        Objects.requireNonNull(body, "body");
        return object(new CoupaRequest("PUT", resource, recordPath(resource, id), fieldParams(fields), body));
    }

    @Override
    public ObjectNode action(String resource, long id, String action, JsonNode body, Fields fields) {
        checkResource(resource);
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("not a Coupa action name: " + action);
        }
        return object(new CoupaRequest("PUT", resource, recordPath(resource, id) + "/" + action, fieldParams(fields),
                body));
    }

    /** Stops the connection's token cache (its guards hold nothing to release); idempotent. */
    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            tokens.close();
        }
    }

    private ObjectNode object(CoupaRequest request) {
        JsonNode json = transport.execute(request);
        if (!(json instanceof ObjectNode record)) {
            throw new CoupaException.UnexpectedResponse("Coupa answered " + request.method() + " " + request.path()
                    + " with a JSON " + json.getNodeType().name().toLowerCase() + " where a record was expected", 200,
                    request.method(), request.path(), null);
        }
        return record;
    }

    private static String recordPath(String resource, long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("Coupa ids are positive, got " + id);
        }
        return "/api/" + resource + "/" + id;
    }

    private static List<Map.Entry<String, String>> fieldParams(Fields fields) {
        return fields == null ? List.of() : List.of(Map.entry("fields", fields.toParam()));
    }

    private static void checkResource(String resource) {
        if (resource == null || !RESOURCE.matcher(resource).matches()) {
            throw new IllegalArgumentException("not a Coupa resource path: " + resource);
        }
    }
}
