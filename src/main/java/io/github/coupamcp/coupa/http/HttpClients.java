package io.github.coupamcp.coupa.http;

import io.github.coupamcp.config.CoupaConfig;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The process-wide OkHttp base: one connection pool and one dispatcher shared by every client (each client derives
 * its own timeouts with {@code newBuilder()}, which keeps both). Every request says {@code Accept: application/json}
 * (Coupa answers XML otherwise) and names the product in {@code User-Agent}.
 */
public final class HttpClients {
    public static final String USER_AGENT = "coupa-mcp/" + version();

    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            // Our retry policy decides; OkHttp's silent retry could re-send a POST on a stale connection.
            .retryOnConnectionFailure(false)
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
