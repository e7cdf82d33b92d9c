package io.github.coupamcp.coupa.http;

import io.github.coupamcp.config.CoupaConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The process-wide OkHttp base: one connection pool and one dispatcher shared by every client (each client derives
 * its own timeouts with {@code newBuilder()}, which keeps both). Every request says {@code Accept: application/json}
 * (Coupa answers XML otherwise) and names the product in {@code User-Agent}.
 *
 * <p>Load balancers in front of Coupa close idle keep-alive connections, so a pooled connection may be dead when it is
 * next used. Two defences: idle connections leave the pool before the usual idle timeouts, and a request that fails
 * on a pooled connection is re-sent on a fresh one by OkHttp itself — for requests safe to repeat only (GETs and the
 * token request); writes go through {@link #forWrites}.
 */
public final class HttpClients {
    public static final String USER_AGENT = "coupa-mcp/" + version();

    /**
     * How long an idle connection stays pooled: below the idle timeouts of common load balancers (60 s on AWS
     * ALB/ELB, 75 s for nginx) and of the sandbox (30 s), so few pooled connections are already closed by the server.
     */
    public static final Duration POOL_KEEP_ALIVE = Duration.ofSeconds(20);
    static final int POOL_MAX_IDLE = 5;

    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(POOL_MAX_IDLE, POOL_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS))
            // A stale pooled connection is retried on a fresh one without spending one of our attempts (nor a
            // circuit breaker failure): the server closed it, it is not failing.
            .retryOnConnectionFailure(true)
            .addInterceptor(new DefaultHeaders())
            .build();

    private HttpClients() {}

    public static OkHttpClient forConfig(CoupaConfig config) {
        return SHARED.newBuilder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .build();
    }

    /**
     * For requests that may have effects (writes): never re-sent by OkHttp, and always sent on a new connection (a pool
     * that keeps none idle), so a write never meets a connection the server closed meanwhile — it could not be retried
     * safely. Writes are rare and confirmed by a person, so the extra handshake costs nothing that matters.
     */
    public static OkHttpClient forWrites(OkHttpClient http) {
        return http.newBuilder()
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .build();
    }

    /** Implementation-Version of the jar manifest; "dev" when running from classes. */
    static String version() {
        String v = HttpClients.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    /** Adds Accept and User-Agent unless the request set its own. */
    static final class DefaultHeaders implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws IOException {
            Request r = chain.request();
            Request.Builder b = r.newBuilder();
            if (r.header("Accept") == null) {
                b.header("Accept", "application/json");
            }
            b.header("User-Agent", USER_AGENT);
            return chain.proceed(b.build());
        }
    }
}
