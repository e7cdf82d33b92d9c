package io.github.coupamcp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach one Coupa instance: URL, OAuth client, scopes, timeouts, rate limit and retry limits.
 * Immutable and validated on {@link Builder#build()}; {@link #toString()} never shows the secret.
 */
public final class CoupaConfig {
    public static final String ENV_INSTANCE_URL = "COUPA_INSTANCE_URL";
    public static final String ENV_CLIENT_ID = "COUPA_CLIENT_ID";
    public static final String ENV_CLIENT_SECRET = "COUPA_CLIENT_SECRET";
    public static final String ENV_SCOPES = "COUPA_SCOPES";
    public static final String ENV_TOKEN_URL = "COUPA_TOKEN_URL";
    public static final String ENV_CONNECT_TIMEOUT = "COUPA_CONNECT_TIMEOUT";
    public static final String ENV_READ_TIMEOUT = "COUPA_READ_TIMEOUT";
    public static final String ENV_CALL_TIMEOUT = "COUPA_CALL_TIMEOUT";
    public static final String ENV_RATE_LIMIT = "COUPA_RATE_LIMIT";
    public static final String ENV_RATE_LIMIT_BURST = "COUPA_RATE_LIMIT_BURST";
    public static final String ENV_RATE_LIMIT_ADAPTIVE = "COUPA_RATE_LIMIT_ADAPTIVE";
    public static final String ENV_MAX_ATTEMPTS = "COUPA_MAX_ATTEMPTS";
    public static final String ENV_RETRY_DEADLINE = "COUPA_RETRY_DEADLINE";
    public static final String ENV_TOKEN_PROPAGATION_DELAY = "COUPA_TOKEN_PROPAGATION_DELAY";

    /** Coupa's token endpoint, relative to the instance. */
    public static final String DEFAULT_TOKEN_PATH = "/oauth2/token";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    /** Coupa documents 25 requests per second with a burst of 20. */
    public static final double DEFAULT_RATE_LIMIT_PER_SECOND = 25.0;
    public static final int DEFAULT_RATE_LIMIT_BURST = 20;
    /** First try included. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(250);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(8);
    /** Total time one logical request may spend, retries and waits included. */
    public static final Duration DEFAULT_RETRY_DEADLINE = Duration.ofSeconds(45);
    /** Coupa: "include at least a five-second buffer" between issuing a token and using it. */
    public static final Duration DEFAULT_TOKEN_PROPAGATION_DELAY = Duration.ofSeconds(5);
    /** How long the circuit stays open before letting a few trial calls through. */
    public static final Duration DEFAULT_CIRCUIT_OPEN_DURATION = Duration.ofSeconds(30);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final String instanceUrl;
    private final String clientId;
    private final String clientSecret;
    private final Set<String> scopes;
    private final String tokenUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final double rateLimitPerSecond;
    private final int rateLimitBurst;
    private final boolean rateLimitAdaptive;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Duration retryDeadline;
    private final Duration tokenPropagationDelay;
    private final Duration circuitOpenDuration;

    private CoupaConfig(Builder b, String instanceUrl, String tokenUrl, Set<String> scopes) {
        this.instanceUrl = instanceUrl;
        this.clientId = b.clientId.trim();
        this.clientSecret = b.clientSecret;
        this.scopes = scopes;
        this.tokenUrl = tokenUrl;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.callTimeout = b.callTimeout;
        this.rateLimitPerSecond = b.rateLimitPerSecond;
        this.rateLimitBurst = b.rateLimitBurst;
        this.rateLimitAdaptive = b.rateLimitAdaptive;
        this.maxAttempts = b.maxAttempts;
        this.backoffBase = b.backoffBase;
        this.backoffMax = b.backoffMax;
        this.retryDeadline = b.retryDeadline;
        this.tokenPropagationDelay = b.tokenPropagationDelay;
        this.circuitOpenDuration = b.circuitOpenDuration;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads every COUPA_* setting; scopes fall back to {@link Builder#defaultScopes} when COUPA_SCOPES is unset. */
    public static CoupaConfig fromEnv(Map<String, String> env) {
        return builderFromEnv(env).build();
    }

    /** Like {@link #fromEnv} but returns the builder, so the caller can add defaults (scopes) or flags before building. */
    public static Builder builderFromEnv(Map<String, String> env) {
        Builder b = builder();
        String v;
        if ((v = value(env, ENV_INSTANCE_URL)) != null) {
            b.instanceUrl(v);
        }
        if ((v = value(env, ENV_CLIENT_ID)) != null) {
            b.clientId(v);
        }
        if ((v = env.get(ENV_CLIENT_SECRET)) != null && !v.isEmpty()) {
            b.clientSecret(v);
        }
        if ((v = value(env, ENV_SCOPES)) != null) {
            b.scopes(splitScopes(v));
        }
        if ((v = value(env, ENV_TOKEN_URL)) != null) {
            b.tokenUrl(v);
        }
        if ((v = value(env, ENV_CONNECT_TIMEOUT)) != null) {
            b.connectTimeout(parseDuration(ENV_CONNECT_TIMEOUT, v));
        }
        if ((v = value(env, ENV_READ_TIMEOUT)) != null) {
            b.readTimeout(parseDuration(ENV_READ_TIMEOUT, v));
        }
        if ((v = value(env, ENV_CALL_TIMEOUT)) != null) {
            b.callTimeout(parseDuration(ENV_CALL_TIMEOUT, v));
        }
        if ((v = value(env, ENV_RATE_LIMIT)) != null) {
            b.rateLimit(parseDouble(ENV_RATE_LIMIT, v), b.rateLimitBurst);
        }
        if ((v = value(env, ENV_RATE_LIMIT_BURST)) != null) {
            b.rateLimit(b.rateLimitPerSecond, parseInt(ENV_RATE_LIMIT_BURST, v));
        }
        if ((v = value(env, ENV_RATE_LIMIT_ADAPTIVE)) != null) {
            b.rateLimitAdaptive(parseBoolean(ENV_RATE_LIMIT_ADAPTIVE, v));
        }
        if ((v = value(env, ENV_MAX_ATTEMPTS)) != null) {
            b.maxAttempts(parseInt(ENV_MAX_ATTEMPTS, v));
        }
        if ((v = value(env, ENV_RETRY_DEADLINE)) != null) {
            b.retryDeadline(parseDuration(ENV_RETRY_DEADLINE, v));
        }
        if ((v = value(env, ENV_TOKEN_PROPAGATION_DELAY)) != null) {
            b.tokenPropagationDelay(parseDuration(ENV_TOKEN_PROPAGATION_DELAY, v));
        }
        return b;
    }

    /** Scopes are space separated (Coupa's own syntax); commas are tolerated. */
    public static Set<String> splitScopes(String value) {
        Set<String> out = new TreeSet<>();
        for (String s : value.trim().split("[\\s,]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601 ({@code PT10S}). */
    static Duration parseDuration(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt")) {
            try {
                return Duration.parse(value.trim());
            } catch (RuntimeException e) {
                throw new ConfigException(name + " is not a duration: '" + value + "' (use e.g. 500ms, 10s, 2m)");
            }
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new ConfigException(name + " is not a duration: '" + value + "' (use e.g. 500ms, 10s, 2m)");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        try {
            long n = Long.parseLong(m.group(1));
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(name + " is out of range: '" + value + "'");
        }
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(name + " must be true or false, got '" + value + "'");
        };
    }

    private static double parseDouble(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a number, got '" + value + "'");
        }
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Scheme, host and optional path prefix, without a trailing slash, e.g. {@code https://acme.coupahost.com}. */
    public String instanceUrl() {
        return instanceUrl;
    }

    public String clientId() {
        return clientId;
    }

    /** The OAuth client secret: hand it to the token endpoint only; never log or print it. */
    public String clientSecret() {
        return clientSecret;
    }

    /** Sorted, so equal scope sets give equal token cache keys. */
    public Set<String> scopes() {
        return scopes;
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    public double rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    public int rateLimitBurst() {
        return rateLimitBurst;
    }

    /** True (default): the rate limit is a ceiling, lowered by Coupa's 429s and regained; false: fixed. */
    public boolean rateLimitAdaptive() {
        return rateLimitAdaptive;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration backoffBase() {
        return backoffBase;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    public Duration retryDeadline() {
        return retryDeadline;
    }

    public Duration tokenPropagationDelay() {
        return tokenPropagationDelay;
    }

    public Duration circuitOpenDuration() {
        return circuitOpenDuration;
    }

    /** A builder holding this configuration's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.instanceUrl = instanceUrl;
        b.clientId = clientId;
        b.clientSecret = clientSecret;
        b.scopes = scopes;
        b.tokenUrl = tokenUrl;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.callTimeout = callTimeout;
        b.rateLimitPerSecond = rateLimitPerSecond;
        b.rateLimitBurst = rateLimitBurst;
        b.rateLimitAdaptive = rateLimitAdaptive;
        b.maxAttempts = maxAttempts;
        b.backoffBase = backoffBase;
        b.backoffMax = backoffMax;
        b.retryDeadline = retryDeadline;
        b.tokenPropagationDelay = tokenPropagationDelay;
        b.circuitOpenDuration = circuitOpenDuration;
        return b;
    }

    @Override
    public String toString() {
        return "CoupaConfig[instanceUrl=" + instanceUrl + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
                + ", clientSecret=****, scopes=" + scopes + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout + ", rateLimit="
                + rateLimitPerSecond + "/s burst " + rateLimitBurst + (rateLimitAdaptive ? " adaptive" : " fixed")
                + ", maxAttempts=" + maxAttempts
                + ", retryDeadline=" + retryDeadline + ", tokenPropagationDelay=" + tokenPropagationDelay + "]";
    }

    public static final class Builder {
        private String instanceUrl;
        private String clientId;
        private String clientSecret;
        private Set<String> scopes;
        private Set<String> defaultScopes = Set.of();
        private String tokenUrl;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private double rateLimitPerSecond = DEFAULT_RATE_LIMIT_PER_SECOND;
        private int rateLimitBurst = DEFAULT_RATE_LIMIT_BURST;
        private boolean rateLimitAdaptive = true;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration backoffBase = DEFAULT_BACKOFF_BASE;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;
        private Duration retryDeadline = DEFAULT_RETRY_DEADLINE;
        private Duration tokenPropagationDelay = DEFAULT_TOKEN_PROPAGATION_DELAY;
        private Duration circuitOpenDuration = DEFAULT_CIRCUIT_OPEN_DURATION;

        private Builder() {}

        public Builder instanceUrl(String instanceUrl) {
            this.instanceUrl = instanceUrl;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder clientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        /** Explicit scopes (flag or COUPA_SCOPES); win over {@link #defaultScopes}. */
        public Builder scopes(Collection<String> scopes) {
            this.scopes = scopes == null ? null : Set.copyOf(scopes);
            return this;
        }

        public Builder scopes(String... scopes) {
            return scopes(Arrays.asList(scopes));
        }

        /** Used when no explicit scopes were given: what the enabled tools need. */
        public Builder defaultScopes(Set<String> defaultScopes) {
            this.defaultScopes = defaultScopes == null ? Set.of() : Set.copyOf(defaultScopes);
            return this;
        }

        /** Default {@code <instanceUrl>/oauth2/token}. */
        public Builder tokenUrl(String tokenUrl) {
            this.tokenUrl = tokenUrl;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        public Builder callTimeout(Duration d) {
            this.callTimeout = d;
            return this;
        }

        /** Client-side limit of the connection (client object) built from this configuration, not of the instance. */
        public Builder rateLimit(double perSecond, int burst) {
            this.rateLimitPerSecond = perSecond;
            this.rateLimitBurst = burst;
            return this;
        }

        /** False keeps the rate limit fixed instead of learning it from Coupa's 429s. */
        public Builder rateLimitAdaptive(boolean adaptive) {
            this.rateLimitAdaptive = adaptive;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Exponential backoff with full jitter: a random wait in [0, min(max, base * 2^retry)]. */
        public Builder backoff(Duration base, Duration max) {
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        public Builder retryDeadline(Duration d) {
            this.retryDeadline = d;
            return this;
        }

        public Builder tokenPropagationDelay(Duration d) {
            this.tokenPropagationDelay = d;
            return this;
        }

        public Builder circuitOpenDuration(Duration d) {
            this.circuitOpenDuration = d;
            return this;
        }

        public CoupaConfig build() {
            String instance = validateInstanceUrl(instanceUrl);
            if (clientId == null || clientId.isBlank()) {
                throw new ConfigException("missing OAuth client id: set " + ENV_CLIENT_ID + " or --client-id");
            }
            if (clientSecret == null || clientSecret.isEmpty()) {
                throw new ConfigException("missing OAuth client secret: set " + ENV_CLIENT_SECRET);
            }
            String token = validateUrl("token URL (" + ENV_TOKEN_URL + ")",
                    tokenUrl == null ? instance + DEFAULT_TOKEN_PATH : tokenUrl);
            Set<String> effective = new TreeSet<>(scopes != null ? scopes : defaultScopes);
            effective.removeIf(String::isBlank);
            if (effective.isEmpty()) {
                throw new ConfigException("no OAuth scopes: set " + ENV_SCOPES
                        + " (space separated, e.g. 'core.invoice.read core.supplier.read')");
            }
            for (String s : effective) {
                if (s.chars().anyMatch(Character::isWhitespace)) {
                    throw new ConfigException("malformed OAuth scope '" + s + "'");
                }
            }
            positive("connect timeout (" + ENV_CONNECT_TIMEOUT + ")", connectTimeout);
            positive("read timeout (" + ENV_READ_TIMEOUT + ")", readTimeout);
            positive("call timeout (" + ENV_CALL_TIMEOUT + ")", callTimeout);
            positive("retry deadline (" + ENV_RETRY_DEADLINE + ")", retryDeadline);
            positive("backoff base", backoffBase);
            positive("circuit open duration", circuitOpenDuration);
            if (backoffMax == null || backoffMax.compareTo(backoffBase) < 0) {
                throw new ConfigException("backoff max must be >= backoff base");
            }
            if (tokenPropagationDelay == null || tokenPropagationDelay.isNegative()) {
                throw new ConfigException("token propagation delay (" + ENV_TOKEN_PROPAGATION_DELAY
                        + ") must be >= 0, got " + tokenPropagationDelay);
            }
            if (!(rateLimitPerSecond > 0) || Double.isInfinite(rateLimitPerSecond)) {
                throw new ConfigException("rate limit (" + ENV_RATE_LIMIT + ") must be > 0 requests per second, got "
                        + rateLimitPerSecond);
            }
            if (rateLimitBurst < 1) {
                throw new ConfigException("rate limit burst (" + ENV_RATE_LIMIT_BURST + ") must be >= 1, got "
                        + rateLimitBurst);
            }
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new ConfigException("max attempts (" + ENV_MAX_ATTEMPTS + ") must be 1..20, got " + maxAttempts);
            }
            return new CoupaConfig(this, instance, token, Collections.unmodifiableSet(effective));
        }

        private static void positive(String name, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new ConfigException(name + " must be a positive duration, got " + d);
            }
        }

        /**
         * The instance root, optionally behind a path prefix (a reverse proxy). A URL naming Coupa's own paths
         * ({@code /api}, {@code /oauth2}) would double them on every request, so it is refused with the fix.
         */
        private static String validateInstanceUrl(String raw) {
            String url = validateUrl("instance URL (" + ENV_INSTANCE_URL + ")", raw);
            String path = URI.create(url).getRawPath();
            for (String segment : path.split("/")) {
                if (segment.equalsIgnoreCase("api") || segment.equalsIgnoreCase("oauth2")) {
                    String root = url.substring(0, url.length() - path.length());
                    throw new ConfigException(ENV_INSTANCE_URL + " must be the instance root, without '" + path
                            + "': use " + root + " (the client adds /api/... and /oauth2/token itself)");
                }
            }
            return url;
        }

        /**
         * Absolute http(s) URL without query, fragment or credentials; plain http only for loopback hosts. Returned
         * with scheme and host in lower case and no trailing slash.
         */
        private static String validateUrl(String what, String raw) {
            if (raw == null || raw.isBlank()) {
                throw new ConfigException("missing " + what + ", e.g. https://acme.coupahost.com");
            }
            URI uri;
            try {
                uri = new URI(raw.trim());
            } catch (URISyntaxException e) {
                throw new ConfigException("malformed " + what + ": '" + redacted(raw) + "'");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new ConfigException("malformed " + what + ": '" + redacted(raw)
                        + "' (expected an absolute https URL such as https://acme.coupahost.com)");
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new ConfigException("malformed " + what
                        + ": no credentials, query string or fragment allowed in the URL");
            }
            if (scheme.equals("http") && !isLoopback(uri.getHost())) {
                throw new ConfigException("plain http refused for " + what + " host " + uri.getHost()
                        + ": use https (http is allowed only for loopback hosts such as 127.0.0.1 or localhost)");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT) + path;
        }

        /** The URL as typed, but never a password someone put in it ({@code https://user:pw@host}). */
        private static String redacted(String raw) {
            return raw.replaceAll("(?<=//)[^/@]*@", "****@");
        }
    }

    /** 127.0.0.0/8, localhost and [::1]: decided on the literal host, without a DNS lookup. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        if (IPV4_LOOPBACK.matcher(h).matches()) {
            for (String part : h.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
