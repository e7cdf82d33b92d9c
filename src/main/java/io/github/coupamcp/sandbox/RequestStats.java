package io.github.coupamcp.sandbox;

import io.github.coupamcp.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A snapshot of the sandbox's request log. The admin endpoint is not counted.
 *
 * @param total every request served (token, API and unknown paths)
 * @param byStatus count per HTTP status; dropped connections count under status 0
 * @param byResource count per {@code /api/<resource>} segment
 * @param rateLimited 429 answers
 * @param tokenRequests requests to the token endpoint
 * @param faultsInjected requests answered by an injected fault (latency included)
 * @param recent the most recent requests, oldest first
 */
public record RequestStats(long total, Map<Integer, Long> byStatus, Map<String, Long> byResource, long rateLimited,
        long tokenRequests, long faultsInjected, List<Entry> recent) {

    /**
     * One logged request; {@code query} is the decoded query string (null when none), {@code fault} the injected
     * fault kind or null, {@code micros} the time spent before the answer was written.
     */
    public record Entry(Instant at, String method, String path, String query, int status, String fault, long micros) {}

    public long status(int status) {
        return byStatus.getOrDefault(status, 0L);
    }

    public long resource(String name) {
        return byResource.getOrDefault(name, 0L);
    }

    ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("total", total);
        ObjectNode statuses = out.putObject("by_status");
        byStatus.forEach((k, v) -> statuses.put(String.valueOf(k), v));
        ObjectNode resources = out.putObject("by_resource");
        byResource.forEach(resources::put);
        out.put("rate_limited", rateLimited);
        out.put("token_requests", tokenRequests);
        out.put("faults_injected", faultsInjected);
        ArrayNode last = out.putArray("recent");
        for (Entry e : recent) {
            ObjectNode row = last.addObject();
            row.put("at", e.at().toString());
            row.put("method", e.method());
            row.put("path", e.path());
            if (e.query() != null) {
                row.put("query", e.query());
            }
            row.put("status", e.status());
            if (e.fault() != null) {
                row.put("fault", e.fault());
            }
            row.put("micros", e.micros());
        }
        return out;
    }
}
