package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * In-memory CoupaClient for unit tests: holds Coupa-shaped records per resource, evaluates the filter subset the
 * tools send (exact, in, contains, comparisons, nested attributes like {@code supplier[name]}), orders by id, applies
 * {@code fields} like Coupa does, and records every query so tests assert the exact filters sent.
 */
public final class FakeCoupaClient implements CoupaClient {
    public record Call(String method, String resource, CoupaQuery query, Long id, Fields fields) {}

    private final Map<String, TreeMap<Long, ObjectNode>> data = new ConcurrentHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private Supplier<RuntimeException> failure;

    public FakeCoupaClient add(String resource, ObjectNode record) {
        data.computeIfAbsent(resource, r -> new TreeMap<>()).put(record.get("id").asLong(), record.deepCopy());
        return this;
    }

    /** Every following call throws what {@code failure} makes (null to stop failing). */
    public FakeCoupaClient failWith(Supplier<RuntimeException> failure) {
        this.failure = failure;
        return this;
    }

    public List<Call> calls() {
        return calls;
    }

    public Call lastCall() {
        return calls.get(calls.size() - 1);
    }

    /** The query parameters of the last list call, as Coupa would receive them. */
    public List<Map.Entry<String, String>> lastParams() {
        return lastCall().query().toParams();
    }

    @Override
    public synchronized List<ObjectNode> list(String resource, CoupaQuery query) {
        calls.add(new Call("list", resource, query, null, query.fields()));
        failIfAsked();
        List<ObjectNode> out = new ArrayList<>();
        List<ObjectNode> rows = new ArrayList<>(data.getOrDefault(resource, new TreeMap<>()).values());
        Comparator<ObjectNode> byId = Comparator.comparingLong(r -> r.get("id").asLong());
        rows.sort(query.direction() == CoupaQuery.Direction.DESC ? byId.reversed() : byId);
        for (ObjectNode row : rows) {
            if (query.filters().stream().allMatch(f -> matches(row, f))) {
                out.add(project(row, query.fields()));
            }
        }
        return out.subList(Math.min(query.offset(), out.size()), Math.min(out.size(), query.offset() + query.limit()));
    }

    @Override
    public synchronized ObjectNode get(String resource, long id, Fields fields) {
        calls.add(new Call("get", resource, null, id, fields));
        failIfAsked();
        ObjectNode row = data.getOrDefault(resource, new TreeMap<>()).get(id);
        if (row == null) {
            throw new CoupaException.NotFound("404 Not Found", "GET", "/api/" + resource + "/" + id, "req-1");
        }
        return project(row, fields);
    }

    @Override
    public ObjectNode create(String resource, JsonNode body, Fields fields) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ObjectNode update(String resource, long id, JsonNode body, Fields fields) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ObjectNode action(String resource, long id, String action, JsonNode body, Fields fields) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}

    /** Changes a stored record (e.g. its status) between pages. */
    public synchronized void update(String resource, long id, String key, String value) {
        data.get(resource).get(id).put(key, value);
    }

    private void failIfAsked() {
        if (failure != null) {
            throw failure.get();
        }
    }

    private static boolean matches(ObjectNode row, CoupaQuery.Filter f) {
        JsonNode value = resolve(row, f.attribute());
        if (value == null || value.isNull()) {
            return false;
        }
        String actual = value.asString();
        String expected = f.values().get(0);
        return switch (f.op()) {
            case EQ -> actual.equals(expected);
            case NOT_EQ -> !actual.equals(expected);
            case IN -> f.values().contains(actual);
            case NOT_IN -> !f.values().contains(actual);
            case CONTAINS -> actual.contains(expected);
            case STARTS_WITH -> actual.startsWith(expected);
            case ENDS_WITH -> actual.endsWith(expected);
            case GT -> compare(actual, expected) > 0;
            case GT_OR_EQ -> compare(actual, expected) >= 0;
            case LT -> compare(actual, expected) < 0;
            case LT_OR_EQ -> compare(actual, expected) <= 0;
            case BLANK -> false;
        };
    }

    private static int compare(String actual, String expected) {
        try {
            return new BigDecimal(actual).compareTo(new BigDecimal(expected));
        } catch (NumberFormatException e) {
            return actual.compareTo(expected); // ISO dates compare as text
        }
    }

    /** {@code supplier[name]} -> row.supplier.name. */
    private static JsonNode resolve(ObjectNode row, String attribute) {
        JsonNode node = row;
        for (String part : attribute.replace("]", "").split("\\[")) {
            node = node == null ? null : node.get(part.replace('_', '-'));
        }
        return node;
    }

    static ObjectNode project(ObjectNode row, Fields fields) {
        return fields == null ? row.deepCopy() : projectObject(row, fields.toJson());
    }

    private static ObjectNode projectObject(ObjectNode row, ArrayNode spec) {
        ObjectNode out = Json.object();
        for (JsonNode item : spec) {
            if (item.isString()) {
                String key = item.asString().replace('_', '-');
                if (row.has(key)) {
                    out.set(key, row.get(key).deepCopy());
                }
            } else {
                for (Map.Entry<String, JsonNode> e : item.properties()) {
                    String key = e.getKey().replace('_', '-');
                    JsonNode value = row.get(key);
                    if (value == null || value.isNull() || !e.getValue().isArray()) {
                        if (value != null) {
                            out.set(key, value.deepCopy());
                        }
                    } else if (value.isArray()) {
                        ArrayNode projected = Json.array();
                        value.forEach(v -> projected.add(projectObject((ObjectNode) v, (ArrayNode) e.getValue())));
                        out.set(key, projected);
                    } else {
                        out.set(key, projectObject((ObjectNode) value, (ArrayNode) e.getValue()));
                    }
                }
            }
        }
        return out;
    }
}
