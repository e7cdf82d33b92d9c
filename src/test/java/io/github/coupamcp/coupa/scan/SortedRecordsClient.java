package io.github.coupamcp.coupa.scan;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.ListingOnlyClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CoupaClient over an in-memory id-sorted collection that honours the id operators, {@code status} and
 * {@code status[in]}, {@code order_by=id} in both directions, limit and offset. Thread-safe; records may change
 * between (and during) calls. {@link #afterEachList} runs after every answer, e.g. to change statuses.
 */
final class SortedRecordsClient extends ListingOnlyClient {
    final NavigableMap<Long, ObjectNode> records = new ConcurrentSkipListMap<>();
    final List<CoupaQuery> queries = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    volatile int maxInFlight;
    volatile long latencyMillis;
    volatile boolean ignoreIdFilters;
    volatile Runnable afterEachList = () -> { };

    SortedRecordsClient add(long id, String status, String currency, String total) {
        ObjectNode r = Json.object().put("id", id).put("status", status).put("total", total);
        r.set("currency", Json.object().put("code", currency));
        records.put(id, r);
        return this;
    }

    void setStatus(long id, String status) {
        records.computeIfPresent(id, (k, r) -> r.deepCopy().put("status", status));
    }

    String status(long id) {
        return records.get(id).get("status").asString();
    }

    @Override
    public List<ObjectNode> list(String resource, CoupaQuery query) {
        queries.add(query);
        int now = inFlight.incrementAndGet();
        synchronized (this) {
            maxInFlight = Math.max(maxInFlight, now);
        }
        try {
            if (latencyMillis > 0) {
                Thread.sleep(latencyMillis);
            }
            List<ObjectNode> out = new ArrayList<>();
            Iterable<ObjectNode> source = query.direction() == CoupaQuery.Direction.DESC
                    ? records.descendingMap().values() : records.values();
            int skip = query.offset();
            for (ObjectNode r : source) {
                if (matches(r, query)) {
                    if (skip-- > 0) {
                        continue;
                    }
                    out.add(project(r, query.fields()));
                    if (out.size() == query.limit()) {
                        break;
                    }
                }
            }
            afterEachList.run();
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private boolean matches(ObjectNode r, CoupaQuery query) {
        long id = r.get("id").asLong();
        for (CoupaQuery.Filter f : query.filters()) {
            String v = f.paramValue();
            boolean ok = switch (f.attribute()) {
                case "id" -> ignoreIdFilters || switch (f.op()) {
                    case GT -> id > Long.parseLong(v);
                    case GT_OR_EQ -> id >= Long.parseLong(v);
                    case LT -> id < Long.parseLong(v);
                    case LT_OR_EQ -> id <= Long.parseLong(v);
                    case EQ -> id == Long.parseLong(v);
                    default -> throw new IllegalArgumentException(f.toString());
                };
                case "status" -> {
                    Set<String> in = new HashSet<>(Arrays.asList(v.split(",")));
                    yield switch (f.op()) {
                        case EQ, IN -> in.contains(r.get("status").asString());
                        case NOT_IN -> !in.contains(r.get("status").asString());
                        default -> throw new IllegalArgumentException(f.toString());
                    };
                }
                default -> throw new IllegalArgumentException(f.toString());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode project(ObjectNode r, Fields fields) {
        if (fields == null) {
            return r.deepCopy();
        }
        ObjectNode out = Json.object();
        for (String name : fields.topLevelNames()) {
            JsonNode v = r.get(name);
            if (v != null) {
                out.set(name, v.deepCopy());
            }
        }
        return out;
    }
}
