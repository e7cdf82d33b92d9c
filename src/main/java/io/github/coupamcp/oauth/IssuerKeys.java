package io.github.coupamcp.oauth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The issuer's signing keys: fetched from its JWKS URL (configured, or found in the issuer's metadata on first
 * use), cached, fetched again when a token names a key the cache lacks (key rotation), and at most
 * {@value #FETCHES_PER_INTERVAL} fetches per rate-limit interval however many unknown key ids tokens name.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {
    /** Nimbus' rate limiter lets this many fetches through per interval (the first one opens the interval). */
    static final int FETCHES_PER_INTERVAL = 2;
    static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(5);
    /** A failed metadata lookup is not repeated for every request: an unreachable issuer would be hammered. */
    static final Duration DISCOVERY_RETRY = Duration.ofSeconds(10);
    private static final int TIMEOUT_MILLIS = 3000;
    private static final int SIZE_LIMIT_BYTES = 256 * 1024;

    private final LongSupplier ticker;
    private final String issuer;
    private final String configuredJwksUrl;
    private final Duration minRefreshInterval;
    private final ResourceRetriever retriever =
            new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT_BYTES);
    private volatile JWKSource<SecurityContext> source;
    private long discoveryBlockedUntil; // ticker time; meaningful only with lastDiscoveryProblem set
    private String lastDiscoveryProblem;

    IssuerKeys(String issuer, String jwksUrl, Duration minRefreshInterval) {
        this(issuer, jwksUrl, minRefreshInterval, System::nanoTime);
    }

    /** {@code ticker}: nanoseconds from an arbitrary origin, possibly negative, like System.nanoTime (tests). */
    IssuerKeys(String issuer, String jwksUrl, Duration minRefreshInterval, LongSupplier ticker) {
        this.ticker = ticker;
        this.issuer = issuer;
        this.configuredJwksUrl = jwksUrl;
        this.minRefreshInterval = minRefreshInterval;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return source().get(selector, context);
    }

    private JWKSource<SecurityContext> source() throws KeySourceException {
        JWKSource<SecurityContext> ready = source;
        return ready != null ? ready : discover();
    }

    private synchronized JWKSource<SecurityContext> discover() throws KeySourceException {
        if (source != null) {
            return source;
        }
        if (lastDiscoveryProblem != null && ticker.getAsLong() - discoveryBlockedUntil < 0) {
            throw new KeySourceException(lastDiscoveryProblem);
        }
        try {
            String jwksUrl = configuredJwksUrl != null ? configuredJwksUrl : jwksUrlFromMetadata();
            source = JWKSourceBuilder.<SecurityContext>create(new URL(jwksUrl), retriever)
                    .cache(CACHE_TIME_TO_LIVE.toMillis(), TIMEOUT_MILLIS * 2L)
                    .rateLimited(minRefreshInterval.toMillis())
                    .refreshAheadCache(false)
                    .retrying(false)
                    .outageTolerant(false)
                    .build();
            return source;
        } catch (KeySourceException | MalformedURLException e) {
            lastDiscoveryProblem = e.getMessage();
            discoveryBlockedUntil = ticker.getAsLong() + DISCOVERY_RETRY.toNanos();
            throw e instanceof KeySourceException k ? k : new KeySourceException(e.getMessage());
        }
    }

    /**
     * RFC 8414 and OpenID Connect discovery in the order the MCP specification gives: the well-known path inserted
     * before the issuer's path, then OpenID's appended form. The metadata must name the same issuer (RFC 8414 3.3).
     */
    private String jwksUrlFromMetadata() throws KeySourceException {
        List<String> problems = new ArrayList<>();
        for (String candidate : metadataUrls(issuer)) {
            JsonNode metadata;
            try {
                metadata = Json.MAPPER.readTree(retriever.retrieveResource(new URL(candidate)).getContent());
            } catch (IOException | JacksonException e) {
                problems.add(candidate + ": " + e.getMessage());
                continue;
            }
            if (!issuer.equals(metadata.path("issuer").asString(null))) {
                throw new KeySourceException("The metadata at " + candidate + " names issuer '"
                        + metadata.path("issuer").asString("") + "', not " + issuer);
            }
            String jwksUri = metadata.path("jwks_uri").asString(null);
            if (jwksUri == null || !jwksUri.startsWith("https://") && !isLoopbackHttp(jwksUri)) {
                throw new KeySourceException("The metadata at " + candidate + " has no https jwks_uri");
            }
            return jwksUri;
        }
        throw new KeySourceException("Cannot read the metadata of issuer " + issuer + " (" + String.join("; ", problems)
                + "); set COUPA_MCP_AUTH_JWKS_URL to skip discovery");
    }

    static List<String> metadataUrls(String issuer) {
        URI uri = URI.create(issuer);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String origin = issuer.substring(0, issuer.length() - (uri.getRawPath() == null ? 0 : uri.getRawPath().length()));
        List<String> urls = new ArrayList<>();
        urls.add(origin + "/.well-known/oauth-authorization-server" + path);
        urls.add(origin + "/.well-known/openid-configuration" + path);
        if (!path.isEmpty()) {
            urls.add(origin + path + "/.well-known/openid-configuration");
        }
        return urls;
    }

    private static boolean isLoopbackHttp(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        return "http".equals(uri.getScheme()) && uri.getHost() != null
                && io.github.coupamcp.config.ServerConfig.isLoopback(uri.getHost());
    }
}
