package io.github.coupamcp.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the MCP server itself (not of the Coupa connection): HTTP bind and protection, and the knobs passed
 * on to the tools. Immutable; built from the environment and overridden by command-line flags, validated once in
 * {@link Builder#build()} so that mistakes are reported before anything starts.
 */
public final class ServerConfig {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Comfortably under the idle timeouts of common proxies (nginx: 60 s). */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** How long a shutdown waits for tool calls in flight. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** A bearer token shorter than this is too easy to guess. */
    public static final int MIN_TOKEN_LENGTH = 16;
    /** Smallest response budget: below it a cursor, a summary and a trimming note leave no room for a record. */
    public static final int MIN_RESPONSE_BUDGET = 2000;

    public static final String ENV_HOST = "COUPA_MCP_HOST";
    public static final String ENV_PORT = "COUPA_MCP_PORT";
    public static final String ENV_HTTP_TOKEN = "COUPA_MCP_HTTP_TOKEN";
    public static final String ENV_ALLOWED_HOSTS = "COUPA_MCP_ALLOWED_HOSTS";
    public static final String ENV_ALLOWED_ORIGINS = "COUPA_MCP_ALLOWED_ORIGINS";
    public static final String ENV_RESPONSE_BUDGET = "COUPA_MCP_RESPONSE_BUDGET";
    public static final String ENV_CURSOR_KEY = "COUPA_MCP_CURSOR_KEY";
    public static final String ENV_READ_ONLY = "COUPA_MCP_READ_ONLY";
    public static final String ENV_TOOLSETS = "COUPA_MCP_TOOLSETS";
    public static final String ENV_TOOLS = "COUPA_MCP_TOOLS";
    public static final String ENV_EXCLUDE_TOOLS = "COUPA_MCP_EXCLUDE_TOOLS";
    public static final String ENV_DYNAMIC_TOOLSETS = "COUPA_MCP_DYNAMIC_TOOLSETS";
    public static final String ENV_ENABLE_WRITES = "COUPA_MCP_ENABLE_WRITES";
    public static final String ENV_WRITE_ASK_ABOVE = "COUPA_MCP_WRITE_ASK_ABOVE";
    public static final String ENV_SESSION_IDLE_TIMEOUT = "COUPA_MCP_SESSION_IDLE_TIMEOUT";
    public static final String ENV_MAX_SESSIONS = "COUPA_MCP_MAX_SESSIONS";
    public static final String ENV_SCAN_MAX_REQUESTS = "COUPA_MCP_SCAN_MAX_REQUESTS";
    public static final String ENV_SCAN_DEADLINE = "COUPA_MCP_SCAN_DEADLINE";
    public static final String ENV_ANSWER_CACHE_TTL = "COUPA_MCP_ANSWER_CACHE_TTL";
    public static final String ENV_METRICS_PUBLIC = "COUPA_MCP_METRICS_PUBLIC";
    public static final String ENV_METRICS_TOKEN = "COUPA_MCP_METRICS_TOKEN";
    public static final String ENV_TENANTS_FILE = "COUPA_MCP_TENANTS_FILE";
    public static final String ENV_HTTP_STATELESS = "COUPA_MCP_HTTP_STATELESS";
    /** Why stateless mode and dynamic toolsets do not go together. */
    public static final String STATELESS_DYNAMIC_TOOLSETS = "Dynamic toolsets (" + ENV_DYNAMIC_TOOLSETS
            + ") are enabled per session, and stateless HTTP (" + ENV_HTTP_STATELESS + ") has no sessions: choose the"
            + " toolsets up front with " + ENV_TOOLSETS + " (or --toolsets), or drop one of the two settings";
    /** A Streamable HTTP session with no request for this long is dropped (the client then re-initializes). */
    public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** Sessions held at once (Streamable + SSE); each keeps a little state in memory. */
    public static final int DEFAULT_MAX_SESSIONS = 1000;

    private final String host;
    private final int port;
    private final String httpToken;
    private final List<String> allowedHosts;
    private final List<String> allowedOrigins;
    private final Integer responseBudget;
    private final String cursorKey;
    private final boolean readOnly;
    private final List<String> toolsets;
    private final List<String> tools;
    private final List<String> excludedTools;
    private final boolean dynamicToolsets;
    private final Duration sessionIdleTimeout;
    private final int maxSessions;
    private final Long scanMaxRequests;
    private final Duration scanDeadline;
    private final Duration answerCacheTtl;
    private final AuthConfig auth;
    private final boolean metricsPublic;
    private final String metricsToken;
    private final boolean enableWrites;
    private final java.math.BigDecimal writeAskAbove;
    private final Path tenantsFile;

    private final boolean stateless;

    private ServerConfig(Builder b) {
        this.tenantsFile = b.tenantsFile;
        this.stateless = b.stateless;
        this.enableWrites = b.enableWrites;
        this.writeAskAbove = b.writeAskAbove;
        this.host = b.host;
        this.port = b.port;
        this.httpToken = b.httpToken;
        this.allowedHosts = List.copyOf(b.allowedHosts);
        this.allowedOrigins = List.copyOf(b.allowedOrigins);
        this.responseBudget = b.responseBudget;
        this.cursorKey = b.cursorKey;
        this.readOnly = b.readOnly;
        this.toolsets = List.copyOf(b.toolsets);
        this.tools = List.copyOf(b.tools);
        this.excludedTools = List.copyOf(b.excludedTools);
        this.dynamicToolsets = b.dynamicToolsets;
        this.sessionIdleTimeout = b.sessionIdleTimeout;
        this.maxSessions = b.maxSessions;
        this.scanMaxRequests = b.scanMaxRequests;
        this.scanDeadline = b.scanDeadline;
        this.answerCacheTtl = b.answerCacheTtl;
        this.auth = b.auth;
        this.metricsPublic = b.metricsPublic;
        this.metricsToken = b.metricsToken;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding what the environment says; flags then override single values. */
    public static Builder fromEnv(Map<String, String> env) {
        Builder b = new Builder();
        String host = blankToNull(env.get(ENV_HOST));
        if (host != null) {
            b.host(host);
        }
        String port = blankToNull(env.get(ENV_PORT));
        if (port != null) {
            b.port(parseInt(ENV_PORT, port));
        }
        b.httpToken(blankToNull(env.get(ENV_HTTP_TOKEN)));
        b.auth(AuthConfig.fromEnv(env));
        b.metricsPublic(parseBoolean(ENV_METRICS_PUBLIC, env.get(ENV_METRICS_PUBLIC)));
        b.metricsToken(blankToNull(env.get(ENV_METRICS_TOKEN)));
        String tenantsFile = blankToNull(env.get(ENV_TENANTS_FILE));
        if (tenantsFile != null) {
            b.tenantsFile(parsePath(ENV_TENANTS_FILE, tenantsFile));
        }
        b.stateless(parseBoolean(ENV_HTTP_STATELESS, env.get(ENV_HTTP_STATELESS)));
        b.allowedHosts(splitList(env.get(ENV_ALLOWED_HOSTS)));
        b.allowedOrigins(splitList(env.get(ENV_ALLOWED_ORIGINS)));
        String budget = blankToNull(env.get(ENV_RESPONSE_BUDGET));
        if (budget != null) {
            b.responseBudget(parseInt(ENV_RESPONSE_BUDGET, budget));
        }
        b.cursorKey(blankToNull(env.get(ENV_CURSOR_KEY)));
        b.readOnly(parseBoolean(ENV_READ_ONLY, env.get(ENV_READ_ONLY)));
        b.toolsets(splitList(env.get(ENV_TOOLSETS)));
        b.tools(splitList(env.get(ENV_TOOLS)));
        b.excludedTools(splitList(env.get(ENV_EXCLUDE_TOOLS)));
        b.dynamicToolsets(parseBoolean(ENV_DYNAMIC_TOOLSETS, env.get(ENV_DYNAMIC_TOOLSETS)));
        b.enableWrites(parseBoolean(ENV_ENABLE_WRITES, env.get(ENV_ENABLE_WRITES)));
        String askAbove = blankToNull(env.get(ENV_WRITE_ASK_ABOVE));
        if (askAbove != null) {
            b.writeAskAbove(parseAmount(ENV_WRITE_ASK_ABOVE, askAbove));
        }
        String idle = blankToNull(env.get(ENV_SESSION_IDLE_TIMEOUT));
        if (idle != null) {
            b.sessionIdleTimeout(CoupaConfig.parseDuration(ENV_SESSION_IDLE_TIMEOUT, idle));
        }
        String maxSessions = blankToNull(env.get(ENV_MAX_SESSIONS));
        if (maxSessions != null) {
            b.maxSessions(parseInt(ENV_MAX_SESSIONS, maxSessions));
        }
        String scanRequests = blankToNull(env.get(ENV_SCAN_MAX_REQUESTS));
        if (scanRequests != null) {
            b.scanMaxRequests((long) parseInt(ENV_SCAN_MAX_REQUESTS, scanRequests));
        }
        String scanDeadline = blankToNull(env.get(ENV_SCAN_DEADLINE));
        if (scanDeadline != null) {
            b.scanDeadline(CoupaConfig.parseDuration(ENV_SCAN_DEADLINE, scanDeadline));
        }
        String cacheTtl = blankToNull(env.get(ENV_ANSWER_CACHE_TTL));
        if (cacheTtl != null) {
            b.answerCacheTtl(CoupaConfig.parseDuration(ENV_ANSWER_CACHE_TTL, cacheTtl));
        }
        return b;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The bearer token HTTP clients must send; null when none is configured (only allowed on loopback). */
    public String httpToken() {
        return httpToken;
    }

    /** Extra Host header values accepted besides localhost, 127.0.0.1 and the bind host ({@code name:*} patterns). */
    public List<String> allowedHosts() {
        return allowedHosts;
    }

    /** Extra Origin header values accepted besides http://localhost:* and http://127.0.0.1:*. */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** Characters per tool result; null = the tools' own default. */
    public Integer responseBudget() {
        return responseBudget;
    }

    /** Key signing cursors; null = a random key per process (cursors then die with the process). */
    public String cursorKey() {
        return cursorKey;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** True when write tools are published (two-step confirmed writes); false by default. */
    public boolean enableWrites() {
        return enableWrites;
    }

    /** Document amount above which a write also asks the human (where the client can); null = the default. */
    public java.math.BigDecimal writeAskAbove() {
        return writeAskAbove;
    }

    /** Toolsets to enable (names, {@code core}, {@code all}); empty = the core toolsets. */
    public List<String> toolsets() {
        return toolsets;
    }

    /** Tools to publish by name (with toolsets: in addition to theirs; alone: only these). */
    public List<String> tools() {
        return tools;
    }

    /** Tools never published. */
    public List<String> excludedTools() {
        return excludedTools;
    }

    /** Whether the agent may enable further toolsets itself (list_toolsets, enable_toolset). */
    public boolean dynamicToolsets() {
        return dynamicToolsets;
    }

    /**
     * The settings that choose the published tools (which tools/list and the instructions of the initialize answer
     * list): answers rendered ahead for one selection (mcp.RenderedAnswers) are only ever given for the same one.
     */
    public String toolSelection() {
        return "toolsets=" + toolsets + " tools=" + tools + " exclude=" + excludedTools + " dynamic=" + dynamicToolsets
                + " writes=" + enableWrites + " read_only=" + readOnly;
    }

    /** How long a Streamable HTTP session may go without a request before it is dropped. */
    public Duration sessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    /** Most MCP sessions held at once over HTTP; a new one beyond it is refused. */
    public int maxSessions() {
        return maxSessions;
    }

    /** Most upstream requests one scan (a summarize tool's question) may make; null = the tools' default. */
    public Long scanMaxRequests() {
        return scanMaxRequests;
    }

    /** Longest one scan may run; null = the tools' default. */
    public Duration scanDeadline() {
        return scanDeadline;
    }

    /** How long a summarize tool's answer is reused for an equal question (zero: never); null = the default. */
    public Duration answerCacheTtl() {
        return answerCacheTtl;
    }

    /** OAuth access tokens accepted over HTTP; null when authorization is off. */
    public AuthConfig auth() {
        return auth;
    }

    /**
     * True when HTTP serves stateless Streamable HTTP only: every POST answered on its own, no sessions, so any
     * replica behind a load balancer can answer any request.
     */
    public boolean stateless() {
        return stateless;
    }

    /** True when {@code /metrics} is served without the token the MCP paths need (a scraper on a private network). */
    public boolean metricsPublic() {
        return metricsPublic;
    }

    /** The bearer token {@code /metrics} alone accepts (a scraper's); null: the MCP paths' authorization. */
    public String metricsToken() {
        return metricsToken;
    }

    /** The tenants file (see {@link TenantsFile}); null when the server has one Coupa connection. */
    public Path tenantsFile() {
        return tenantsFile;
    }

    /** A builder holding these settings, to derive a variant (a tenant's, see {@link TenantSpec#serverConfig}). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.httpToken = httpToken;
        b.allowedHosts = new ArrayList<>(allowedHosts);
        b.allowedOrigins = new ArrayList<>(allowedOrigins);
        b.responseBudget = responseBudget;
        b.cursorKey = cursorKey;
        b.readOnly = readOnly;
        b.toolsets = new ArrayList<>(toolsets);
        b.tools = new ArrayList<>(tools);
        b.excludedTools = new ArrayList<>(excludedTools);
        b.dynamicToolsets = dynamicToolsets;
        b.sessionIdleTimeout = sessionIdleTimeout;
        b.maxSessions = maxSessions;
        b.scanMaxRequests = scanMaxRequests;
        b.scanDeadline = scanDeadline;
        b.answerCacheTtl = answerCacheTtl;
        b.auth = auth;
        b.metricsPublic = metricsPublic;
        b.metricsToken = metricsToken;
        b.enableWrites = enableWrites;
        b.writeAskAbove = writeAskAbove;
        b.tenantsFile = tenantsFile;
        b.stateless = stateless;
        return b;
    }

    public boolean loopbackBind() {
        return isLoopback(host);
    }

    /** True when HTTP requests must carry the bearer token. */
    public boolean tokenRequired() {
        return httpToken != null;
    }

    public static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false; // a name other than localhost: never assume loopback (and never resolve it here)
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> splitList(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ServerConfigException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static Path parsePath(String name, String value) {
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ServerConfigException(name + " is not a valid file path: '" + value + "'");
        }
    }

    private static java.math.BigDecimal parseAmount(String name, String value) {
        try {
            java.math.BigDecimal amount = new java.math.BigDecimal(value.trim());
            if (amount.signum() >= 0 && amount.precision() - amount.scale() <= 15) {
                return amount;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new ServerConfigException(name + " must be an amount of zero or more, e.g. 10000, got '" + value + "'");
    }

    private static boolean parseBoolean(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ServerConfigException(name + " must be true or false, got '" + value + "'");
        };
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String httpToken;
        private List<String> allowedHosts = new ArrayList<>();
        private List<String> allowedOrigins = new ArrayList<>();
        private Integer responseBudget;
        private String cursorKey;
        private boolean readOnly;
        private List<String> toolsets = new ArrayList<>();
        private List<String> tools = new ArrayList<>();
        private List<String> excludedTools = new ArrayList<>();
        private boolean dynamicToolsets;
        private Duration sessionIdleTimeout = DEFAULT_SESSION_IDLE_TIMEOUT;
        private int maxSessions = DEFAULT_MAX_SESSIONS;
        private Long scanMaxRequests;
        private Duration scanDeadline;
        private Duration answerCacheTtl;
        private AuthConfig auth;
        private boolean metricsPublic;
        private String metricsToken;
        private boolean enableWrites;
        private java.math.BigDecimal writeAskAbove;
        private Path tenantsFile;

        private boolean stateless;

        private Builder() {}

        public Builder tenantsFile(Path tenantsFile) {
            this.tenantsFile = tenantsFile;
            return this;
        }

        public Builder metricsToken(String metricsToken) {
            this.metricsToken = metricsToken;
            return this;
        }

        public Builder stateless(boolean stateless) {
            this.stateless = stateless;
            return this;
        }

        public Builder metricsPublic(boolean metricsPublic) {
            this.metricsPublic = metricsPublic;
            return this;
        }

        public Builder auth(AuthConfig auth) {
            this.auth = auth;
            return this;
        }

        public Builder enableWrites(boolean enableWrites) {
            this.enableWrites = enableWrites;
            return this;
        }

        public Builder writeAskAbove(java.math.BigDecimal writeAskAbove) {
            this.writeAskAbove = writeAskAbove;
            return this;
        }

        public Builder scanMaxRequests(Long scanMaxRequests) {
            this.scanMaxRequests = scanMaxRequests;
            return this;
        }

        public Builder scanDeadline(Duration scanDeadline) {
            this.scanDeadline = scanDeadline;
            return this;
        }

        public Builder answerCacheTtl(Duration answerCacheTtl) {
            this.answerCacheTtl = answerCacheTtl;
            return this;
        }

        public Builder sessionIdleTimeout(Duration sessionIdleTimeout) {
            this.sessionIdleTimeout = Objects.requireNonNull(sessionIdleTimeout, "sessionIdleTimeout");
            return this;
        }

        public Builder maxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
            return this;
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host").trim();
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder httpToken(String httpToken) {
            this.httpToken = httpToken;
            return this;
        }

        public Builder allowedHosts(List<String> allowedHosts) {
            this.allowedHosts = new ArrayList<>(allowedHosts);
            return this;
        }

        public Builder allowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = new ArrayList<>(allowedOrigins);
            return this;
        }

        public Builder responseBudget(Integer responseBudget) {
            this.responseBudget = responseBudget;
            return this;
        }

        public Builder cursorKey(String cursorKey) {
            this.cursorKey = cursorKey;
            return this;
        }

        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        public Builder toolsets(List<String> toolsets) {
            this.toolsets = new ArrayList<>(toolsets);
            return this;
        }

        public Builder tools(List<String> tools) {
            this.tools = new ArrayList<>(tools);
            return this;
        }

        public Builder excludedTools(List<String> excludedTools) {
            this.excludedTools = new ArrayList<>(excludedTools);
            return this;
        }

        public Builder dynamicToolsets(boolean dynamicToolsets) {
            this.dynamicToolsets = dynamicToolsets;
            return this;
        }

        public ServerConfig build() {
            if (host.isEmpty()) {
                throw new ServerConfigException("HTTP host must not be empty (" + ENV_HOST + " / --host)");
            }
            if (port < 0 || port > 65535) {
                throw new ServerConfigException("HTTP port must be between 0 and 65535, got " + port
                        + " (" + ENV_PORT + " / --port)");
            }
            if (responseBudget != null && responseBudget < MIN_RESPONSE_BUDGET) {
                throw new ServerConfigException("Response budget must be at least " + MIN_RESPONSE_BUDGET
                        + " characters, got " + responseBudget + " (" + ENV_RESPONSE_BUDGET + " / --response-budget)");
            }
            if (metricsToken != null && metricsToken.length() < MIN_TOKEN_LENGTH) {
                throw new ServerConfigException(ENV_METRICS_TOKEN + " must be at least " + MIN_TOKEN_LENGTH
                        + " characters long (e.g. the output of: openssl rand -hex 32)");
            }
            if (httpToken != null && httpToken.length() < MIN_TOKEN_LENGTH) {
                throw new ServerConfigException(ENV_HTTP_TOKEN + " must be at least " + MIN_TOKEN_LENGTH
                        + " characters long (e.g. the output of: openssl rand -hex 32)");
            }
            if (sessionIdleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new ServerConfigException(ENV_SESSION_IDLE_TIMEOUT + " must be at least 1s, got "
                        + sessionIdleTimeout);
            }
            if (maxSessions < 1) {
                throw new ServerConfigException(ENV_MAX_SESSIONS + " must be at least 1, got " + maxSessions);
            }
            if (scanMaxRequests != null && scanMaxRequests < 1) {
                throw new ServerConfigException(ENV_SCAN_MAX_REQUESTS + " must be at least 1, got "
                        + scanMaxRequests);
            }
            if (scanDeadline != null && scanDeadline.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new ServerConfigException(ENV_SCAN_DEADLINE + " must be at least 1s, got " + scanDeadline);
            }
            return new ServerConfig(this);
        }
    }

    /**
     * The checks for HTTP mode only: a server reachable from other machines must not serve without a token, and
     * stateless mode keeps no per-session state for dynamic toolsets. Stdio and the other commands ignore the HTTP
     * settings, so this is not part of {@link Builder#build()}.
     */
    public ServerConfig requireSafeHttpBind() {
        if (stateless && dynamicToolsets) {
            throw new ServerConfigException(STATELESS_DYNAMIC_TOOLSETS);
        }
        // with a tenants file every request is authenticated (a tenant is chosen by who calls): its tokens or OAuth
        if (!loopbackBind() && httpToken == null && auth == null && tenantsFile == null) {
            throw new ServerConfigException("Binding HTTP to " + host + " (not loopback) requires a bearer token: set "
                    + ENV_HTTP_TOKEN + " (e.g. to the output of: openssl rand -hex 32) or OAuth authorization ("
                    + AuthConfig.ENV_ISSUER + ", " + AuthConfig.ENV_AUDIENCE + "), or bind 127.0.0.1");
        }
        return this;
    }
}
