package io.github.coupamcp.sandbox;

import java.util.Locale;
import java.util.Objects;

/**
 * One injected fault. A rule applies to requests whose path starts with {@code pathPrefix} (null = every
 * request except the admin endpoint). It fires on the {@code nth} matching request and the {@code times - 1}
 * following ones when {@code nth > 0}; otherwise with probability {@code rate} (seeded random).
 *
 * @param status HTTP status for {@link Kind#STATUS} and {@link Kind#HTML} (500, 502, 503, 504, ...)
 * @param latencyMillis added delay for {@link Kind#LATENCY}
 */
public record FaultRule(Kind kind, int status, double rate, long nth, int times, long latencyMillis, String pathPrefix) {

    /** What happens when a rule fires. */
    public enum Kind {
        /** A Coupa-style error answer with the rule's status. */
        STATUS,
        /** An HTML error page with the rule's status, as a proxy in front of Coupa answers. */
        HTML,
        /** The connection is closed without any response. */
        DROP,
        /** Content-Length promises more bytes than are sent, then the connection closes. */
        TRUNCATE,
        /** 200 with a JSON content type and a body that is not valid JSON. */
        MALFORMED,
        /** The request is delayed by latencyMillis, then served normally. */
        LATENCY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromWire(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    public FaultRule {
        Objects.requireNonNull(kind, "kind");
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be between 0 and 1: " + rate);
        }
        if (nth < 0 || times < 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("nth, times and latency must not be negative");
        }
        if ((kind == Kind.STATUS || kind == Kind.HTML) && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx: " + status);
        }
        if (nth > 0 && times == 0) {
            times = 1;
        }
    }

    /**
     * Reads one rule in the admin API's JSON form, e.g. {@code {"kind":"status","status":503,"nth":3}}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static FaultRule fromJson(String json) {
        tools.jackson.databind.JsonNode node;
        try {
            node = io.github.coupamcp.json.Json.MAPPER.readTree(json);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("a fault rule must be a JSON object, e.g. {\"kind\":\"status\","
                    + "\"status\":503,\"rate\":0.1}");
        }
        return AdminEndpoint.ruleFrom(node);
    }

    /** Fires on every matching request. */
    public static FaultRule always(Kind kind, int status) {
        return new FaultRule(kind, status, 1.0, 0, 0, 0, null);
    }

    /** Fires on matching requests with the given probability. */
    public static FaultRule atRate(Kind kind, int status, double rate) {
        return new FaultRule(kind, status, rate, 0, 0, 0, null);
    }

    /** Fires once, on the nth matching request (1-based). */
    public static FaultRule onNth(Kind kind, int status, long nth) {
        return new FaultRule(kind, status, 0, nth, 1, 0, null);
    }

    /** Delays every matching request. */
    public static FaultRule latency(long millis) {
        return new FaultRule(Kind.LATENCY, 0, 1.0, 0, 0, millis, null);
    }

    public FaultRule onPath(String prefix) {
        return new FaultRule(kind, status, rate, nth, times, latencyMillis, prefix);
    }

    public FaultRule times(int count) {
        return new FaultRule(kind, status, rate, nth, count, latencyMillis, pathPrefix);
    }

    boolean appliesTo(String path) {
        return pathPrefix == null || path.startsWith(pathPrefix);
    }

    boolean terminal() {
        return kind != Kind.LATENCY;
    }
}
