package io.github.coupamcp.sandbox.data;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a record's top-level fields, all of them or only those asked for. Nested objects and arrays are
 * passed as suppliers so a partial render (a query filtering on {@code status} or sorting on
 * {@code updated-at}) never pays for copying suppliers, accounts and lines it does not need.
 */
final class FieldSink {
    private final ObjectNode out;
    private final Set<String> only;

    /** @param only the dashed top-level names to render, or null for all */
    FieldSink(int expectedFields, Set<String> only) {
        this.out = Trees.object(only == null ? expectedFields : only.size());
        this.only = only;
    }

    boolean wants(String key) {
        return only == null || only.contains(key);
    }

    /** Coupa's opening fields: id, created-at, updated-at. */
    FieldSink stamp(long id, String createdAt, String updatedAt) {
        return put("id", id).put("created-at", createdAt).put("updated-at", updatedAt);
    }

    FieldSink put(String key, String value) {
        if (wants(key)) {
            out.put(key, value);
        }
        return this;
    }

    FieldSink put(String key, long value) {
        if (wants(key)) {
            out.put(key, value);
        }
        return this;
    }

    FieldSink put(String key, Integer value) {
        if (wants(key)) {
            out.put(key, value);
        }
        return this;
    }

    FieldSink put(String key, boolean value) {
        if (wants(key)) {
            out.put(key, value);
        }
        return this;
    }

    FieldSink putNull(String key) {
        if (wants(key)) {
            out.putNull(key);
        }
        return this;
    }

    FieldSink set(String key, Supplier<? extends JsonNode> value) {
        if (wants(key)) {
            out.set(key, value.get());
        }
        return this;
    }

    /** Overlays a record's PUT patch (plain fields replace, custom-fields merge), for the wanted keys only. */
    ObjectNode finish(Map<String, JsonNode> patch) {
        if (patch != null) {
            for (Map.Entry<String, JsonNode> e : patch.entrySet()) {
                if (!wants(e.getKey())) {
                    continue;
                }
                if (e.getKey().equals("custom-fields") && out.get("custom-fields") instanceof ObjectNode cf) {
                    cf.setAll((ObjectNode) e.getValue().deepCopy());
                } else {
                    out.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }
        return out;
    }
}
