package io.github.coupamcp.sandbox;

import io.github.coupamcp.sandbox.data.SandboxStore;
import io.github.coupamcp.sandbox.data.Scale;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Immutable start-up settings of a {@link Sandbox}; everything here except host/port can change at runtime. */
public final class SandboxOptions {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEMO_CLIENT_ID = "coupa-mcp-sandbox";
    public static final String DEMO_CLIENT_SECRET = "sandbox-secret";
    public static final long DEFAULT_SEED = 42L;
    /** Coupa documents a five-second buffer between issuing a token and using it. */
    public static final Duration DEFAULT_TOKEN_PROPAGATION_DELAY = Duration.ofSeconds(5);
    /** Coupa's documented {@code expires_in}. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(86_399);
    /** Coupa documents 25 requests per second with a burst of 20. */
    public static final double DEFAULT_RATE_PER_SECOND = 25.0;
    public static final int DEFAULT_BURST = 20;
    public static final int DEFAULT_MAX_THREADS = 64;
    public static final int DEFAULT_REQUEST_LOG_SIZE = 200;

    private final String host;
    private final int port;
    private final long seed;
    private final Scale scale;
    private final SandboxStore store;
    private final Duration tokenPropagationDelay;
    private final Duration tokenLifetime;
    private final RateLimitSettings rateLimit;
    private final List<SandboxClient> clients;
    private final List<FaultRule> faults;
    private final long faultSeed;
    private final Clock clock;
    private final int maxThreads;
    private final int requestLogSize;

    private SandboxOptions(Builder b) {
        host = b.host;
        port = b.port;
        seed = b.seed;
        scale = b.scale;
        store = b.store;
        tokenPropagationDelay = b.tokenPropagationDelay;
        tokenLifetime = b.tokenLifetime;
        rateLimit = new RateLimitSettings(b.rateLimitEnabled, b.ratePerSecond, b.burst, b.retryAfter);
        List<SandboxClient> all = new ArrayList<>();
        all.add(SandboxClient.withAllScopes(b.demoClientId, b.demoClientSecret));
        all.addAll(b.extraClients);
        clients = List.copyOf(all);
        faults = List.copyOf(b.faults);
        faultSeed = b.faultSeed;
        clock = b.clock;
        maxThreads = b.maxThreads;
        requestLogSize = b.requestLogSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public long seed() {
        return seed;
    }

    public Scale scale() {
        return scale;
    }

    /** The store to serve, when given explicitly (tests); null means generate one from seed and scale. */
    public SandboxStore store() {
        return store;
    }

    public Duration tokenPropagationDelay() {
        return tokenPropagationDelay;
    }

    public Duration tokenLifetime() {
        return tokenLifetime;
    }

    public RateLimitSettings rateLimit() {
        return rateLimit;
    }

    /** The demo client first, then the extra clients. */
    public List<SandboxClient> clients() {
        return clients;
    }

    public List<FaultRule> faults() {
        return faults;
    }

    public long faultSeed() {
        return faultSeed;
    }

    public Clock clock() {
        return clock;
    }

    public int maxThreads() {
        return maxThreads;
    }

    public int requestLogSize() {
        return requestLogSize;
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = 0;
        private long seed = DEFAULT_SEED;
        private Scale scale = Scale.SMALL;
        private SandboxStore store;
        private Duration tokenPropagationDelay = DEFAULT_TOKEN_PROPAGATION_DELAY;
        private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
        private boolean rateLimitEnabled = true;
        private double ratePerSecond = DEFAULT_RATE_PER_SECOND;
        private int burst = DEFAULT_BURST;
        private boolean retryAfter = true;
        private String demoClientId = DEMO_CLIENT_ID;
        private String demoClientSecret = DEMO_CLIENT_SECRET;
        private final List<SandboxClient> extraClients = new ArrayList<>();
        private final List<FaultRule> faults = new ArrayList<>();
        private long faultSeed = DEFAULT_SEED;
        private Clock clock = Clock.systemUTC();
        private int maxThreads = DEFAULT_MAX_THREADS;
        private int requestLogSize = DEFAULT_REQUEST_LOG_SIZE;

        private Builder() {}

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** 0 picks an ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Size of the generated data set (default SMALL). */
        public Builder scale(Scale scale) {
            this.scale = Objects.requireNonNull(scale, "scale");
            return this;
        }

        /** Serve this store instead of generating one from seed and scale (tests with hand-made data). */
        public Builder store(SandboxStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder tokenPropagationDelay(Duration delay) {
            this.tokenPropagationDelay = nonNegative(delay, "tokenPropagationDelay");
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "tokenLifetime");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("tokenLifetime must be positive");
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        public Builder rateLimit(double perSecond, int burst) {
            RateLimitSettings.validate(perSecond, burst);
            this.ratePerSecond = perSecond;
            this.burst = burst;
            return this;
        }

        public Builder rateLimitEnabled(boolean enabled) {
            this.rateLimitEnabled = enabled;
            return this;
        }

        /** Whether 429 answers carry a {@code Retry-After} header (Coupa does not document one). */
        public Builder retryAfter(boolean send) {
            this.retryAfter = send;
            return this;
        }

        public Builder demoClient(String id, String secret) {
            SandboxClient probe = SandboxClient.withAllScopes(id, secret);
            this.demoClientId = probe.id();
            this.demoClientSecret = probe.secret();
            return this;
        }

        /** Registers another OAuth client, typically one with a restricted scope set. */
        public Builder addClient(SandboxClient client) {
            extraClients.add(Objects.requireNonNull(client, "client"));
            return this;
        }

        public Builder fault(FaultRule rule) {
            faults.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** Seed of the random draws behind rate-based faults. */
        public Builder faultSeed(long seed) {
            this.faultSeed = seed;
            return this;
        }

        /** The clock behind token issuance, propagation and expiry (tests pass a movable one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder maxThreads(int maxThreads) {
            if (maxThreads < 8) {
                throw new IllegalArgumentException("maxThreads must be at least 8");
            }
            this.maxThreads = maxThreads;
            return this;
        }

        /** How many recent requests the request log keeps. */
        public Builder requestLogSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("requestLogSize must be positive");
            }
            this.requestLogSize = size;
            return this;
        }

        public SandboxOptions build() {
            long distinct = clientIds().distinct().count();
            if (distinct != extraClients.size() + 1) {
                throw new IllegalArgumentException("client ids must be unique");
            }
            return new SandboxOptions(this);
        }

        private java.util.stream.Stream<String> clientIds() {
            return java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(demoClientId), extraClients.stream().map(SandboxClient::id));
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return d;
        }
    }
}
