package io.github.coupamcp.coupa.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One logical call: verb, resource (for logs and scope hints), path under the instance ({@code /api/invoices/12}),
 * raw query parameters (encoded when sent), optional JSON body, and whether it may be repeated safely. Only GETs are
 * treated as idempotent: a PUT or an action that timed out may have been applied.
 */
public record CoupaRequest(String method, String resource, String path, List<Map.Entry<String, String>> params,
        JsonNode body) {
    public CoupaRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        params = params == null ? List.of() : List.copyOf(params);
    }

    public static CoupaRequest get(String resource, String path, List<Map.Entry<String, String>> params) {
        return new CoupaRequest("GET", resource, path, params, null);
    }

    public boolean idempotent() {
        return method.equals("GET");
    }

    /** A GET of a whole collection ({@code /api/invoices}), whose cost depends on its filters. */
    public boolean listing() {
        return idempotent() && path.equals("/api/" + resource);
    }
}
