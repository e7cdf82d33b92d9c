package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.ScanOptions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the tool layer. Immutable; build with {@link #builder()}; every value has a named default.
 * Without a configured cursor key a random one is made per process: cursors then work only on this replica and
 * until restart, which is safe but less convenient.
 */
public final class ToolSettings {
    /** Characters one tool result may cost the agent (structured content plus text, as sent). */
    public static final int DEFAULT_RESPONSE_BUDGET_CHARS = 8000;
    /** How long a continuation token stays valid. */
    public static final Duration DEFAULT_CURSOR_TTL = Duration.ofHours(1);
    /** Records per page when the agent does not say. */
    public static final int DEFAULT_PAGE_SIZE = 25;
    /** How long a write's confirmation token stays valid: long enough to read the preview, short enough to be fresh. */
    public static final Duration DEFAULT_CONFIRMATION_TTL = Duration.ofMinutes(10);
    /** Amounts above this (in the document's currency) make a write ask the human too, where the client can. */
    public static final java.math.BigDecimal DEFAULT_ASK_HUMAN_ABOVE = new java.math.BigDecimal("10000");
    /** Shortest accepted signing key. */
    public static final int MIN_KEY_BYTES = 16;

    private final int responseBudgetChars;
    private final byte[] cursorKey;
    private final Duration cursorTtl;
    private final boolean readOnly;
    private final Set<String> enabledToolsets;
    private final Set<String> tools;
    private final Set<String> excludedTools;
    private final boolean dynamicToolsets;
    private final Clock clock;
    private final long scanMaxRequests;
    private final Duration scanDeadline;
    private final int scanConcurrency;
    private final Duration answerCacheTtl;
    private final boolean writesEnabled;
    private final Duration confirmationTtl;
    private final java.math.BigDecimal askHumanAbove;

    private ToolSettings(Builder b) {
        this.writesEnabled = b.writesEnabled;
        this.confirmationTtl = b.confirmationTtl;
        this.askHumanAbove = b.askHumanAbove;
        this.scanMaxRequests = b.scanMaxRequests;
        this.scanDeadline = b.scanDeadline;
        this.scanConcurrency = b.scanConcurrency;
        this.answerCacheTtl = b.answerCacheTtl;
        this.responseBudgetChars = b.responseBudgetChars;
        this.cursorKey = b.cursorKey == null ? randomKey() : b.cursorKey.clone();
        this.cursorTtl = b.cursorTtl;
        this.readOnly = b.readOnly;
        this.enabledToolsets = Set.copyOf(b.enabledToolsets);
        this.tools = Set.copyOf(b.tools);
        this.excludedTools = Set.copyOf(b.excludedTools);
        this.dynamicToolsets = b.dynamicToolsets;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ToolSettings defaults() {
        return builder().build();
    }

    public int responseBudgetChars() {
        return responseBudgetChars;
    }

    public byte[] cursorKey() {
        return cursorKey.clone();
    }

    public Duration cursorTtl() {
        return cursorTtl;
    }

    /** When true only tools annotated readOnlyHint=true are published; it wins over everything else. */
    public boolean readOnly() {
        return readOnly;
    }

    /** Toolsets to publish, with {@code core} and {@code all} as groups; empty means the core ones. */
    public Set<String> enabledToolsets() {
        return enabledToolsets;
    }

    /**
     * Tools published by name, besides those of the enabled toolsets; named without toolsets, only these (and no
     * core toolsets) are published.
     */
    public Set<String> tools() {
        return tools;
    }

    /** Tools never published, whatever else names them. */
    public Set<String> excludedTools() {
        return excludedTools;
    }

    /**
     * When true the agent may enable further toolsets itself ({@code list_toolsets}, {@code enable_toolset}); the
     * enabled toolsets are then the ones it starts with.
     */
    public boolean dynamicToolsets() {
        return dynamicToolsets;
    }

    public Clock clock() {
        return clock;
    }

    /** Most upstream requests one scan (an aggregate tool's question) may make. */
    public long scanMaxRequests() {
        return scanMaxRequests;
    }

    /** Longest one scan may run. */
    public Duration scanDeadline() {
        return scanDeadline;
    }

    /** Workers paging one scan at once (1: a sequential pager). */
    public int scanConcurrency() {
        return scanConcurrency;
    }

    /** How long an aggregate tool's answer is reused for an equal question; zero: never. */
    public Duration answerCacheTtl() {
        return answerCacheTtl;
    }

    /** When false (the default) write tools are not published at all. */
    public boolean writesEnabled() {
        return writesEnabled;
    }

    public Duration confirmationTtl() {
        return confirmationTtl;
    }

    public java.math.BigDecimal askHumanAbove() {
        return askHumanAbove;
    }

    @Override
    public String toString() {
        // never the key
        return "ToolSettings[responseBudgetChars=" + responseBudgetChars + ", cursorTtl=" + cursorTtl
                + ", readOnly=" + readOnly + ", enabledToolsets=" + enabledToolsets + ", tools=" + tools
                + ", excludedTools=" + excludedTools + ", dynamicToolsets=" + dynamicToolsets
                + ", scanMaxRequests=" + scanMaxRequests + ", scanDeadline=" + scanDeadline + ", scanConcurrency="
                + scanConcurrency + ", answerCacheTtl="
                + answerCacheTtl + ", writesEnabled=" + writesEnabled + ", confirmationTtl=" + confirmationTtl
                + ", askHumanAbove=" + askHumanAbove + "]";
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    public static final class Builder {
        private int responseBudgetChars = DEFAULT_RESPONSE_BUDGET_CHARS;
        private byte[] cursorKey;
        private Duration cursorTtl = DEFAULT_CURSOR_TTL;
        private boolean readOnly;
        private Set<String> enabledToolsets = Set.of();
        private Set<String> tools = Set.of();
        private Set<String> excludedTools = Set.of();
        private boolean dynamicToolsets;
        private Clock clock = Clock.systemUTC();
        private long scanMaxRequests = ScanOptions.DEFAULT_MAX_REQUESTS;
        private Duration scanDeadline = ScanOptions.DEFAULT_DEADLINE;
        private int scanConcurrency = ScanOptions.DEFAULT_CONCURRENCY;
        private Duration answerCacheTtl = AnswerCache.DEFAULT_TTL;
        private boolean writesEnabled;
        private Duration confirmationTtl = DEFAULT_CONFIRMATION_TTL;
        private java.math.BigDecimal askHumanAbove = DEFAULT_ASK_HUMAN_ABOVE;

        private Builder() {}

        public Builder writesEnabled(boolean enabled) {
            this.writesEnabled = enabled;
            return this;
        }

        public Builder confirmationTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("the confirmation token TTL must be positive");
            }
            this.confirmationTtl = ttl;
            return this;
        }

        public Builder askHumanAbove(java.math.BigDecimal amount) {
            if (amount == null || amount.signum() < 0) {
                throw new IllegalArgumentException("the amount above which writes ask the human must be zero or more");
            }
            this.askHumanAbove = amount;
            return this;
        }

        public Builder scanMaxRequests(long requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("a scan's request budget must be at least 1, got " + requests);
            }
            this.scanMaxRequests = requests;
            return this;
        }

        public Builder scanDeadline(Duration deadline) {
            if (deadline == null || deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("a scan's deadline must be positive");
            }
            this.scanDeadline = deadline;
            return this;
        }

        public Builder scanConcurrency(int workers) {
            if (workers < 1 || workers > ScanOptions.MAX_CONCURRENCY) {
                throw new IllegalArgumentException("scan concurrency must be 1.." + ScanOptions.MAX_CONCURRENCY
                        + ", got " + workers);
            }
            this.scanConcurrency = workers;
            return this;
        }

        public Builder answerCacheTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("the answer cache TTL must be zero or positive");
            }
            this.answerCacheTtl = ttl;
            return this;
        }

        /** Its minimum is checked where the setting is configured ({@code ServerConfig}), not again here. */
        public Builder responseBudgetChars(int chars) {
            this.responseBudgetChars = chars;
            return this;
        }

        /** HMAC key shared by all replicas; at least 16 bytes. */
        public Builder cursorKey(byte[] key) {
            if (key == null || key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("cursor signing key must have at least " + MIN_KEY_BYTES + " bytes");
            }
            this.cursorKey = key.clone();
            return this;
        }

        /** The key as configured text (UTF-8 bytes); at least 16 bytes. */
        public Builder cursorKey(String secret) {
            return cursorKey(Objects.requireNonNull(secret, "cursor key").getBytes(StandardCharsets.UTF_8));
        }

        public Builder cursorTtl(Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("cursor TTL must be positive");
            }
            this.cursorTtl = ttl;
            return this;
        }

        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        public Builder enabledToolsets(Set<String> toolsets) {
            this.enabledToolsets = Set.copyOf(toolsets);
            return this;
        }

        public Builder tools(Set<String> tools) {
            this.tools = Set.copyOf(tools);
            return this;
        }

        public Builder excludedTools(Set<String> tools) {
            this.excludedTools = Set.copyOf(tools);
            return this;
        }

        public Builder dynamicToolsets(boolean dynamic) {
            this.dynamicToolsets = dynamic;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ToolSettings build() {
            return new ToolSettings(this);
        }
    }
}
