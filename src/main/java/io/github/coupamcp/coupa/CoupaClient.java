package io.github.coupamcp.coupa;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything above this layer talks to Coupa through this interface. Implementations handle auth, retries,
 * rate limiting and error mapping; every failure is a {@link CoupaException}.
 * Resources are Coupa URL segments ({@code invoices}, {@code suppliers}, {@code purchase_orders}).
 * Records are Coupa's own JSON (dashed keys).
 */
public interface CoupaClient extends AutoCloseable {
    /** One GET of the collection: at most 50 records (the query's limit is capped at 50). */
    List<ObjectNode> list(String resource, CoupaQuery query);

    /**
     * All records matching the query, by keyset ({@code order_by=id}, {@code id[gt]}), fetched lazily page by page,
     * starting after {@code afterId} (null = from the start). Ignores the query's order and offset; an {@code id[gt]}
     * filter in the query moves the start (the later of the two wins), an {@code id[lt]} bound is kept.
     */
    KeysetPager pager(String resource, CoupaQuery query, Long afterId);

    /**
     * Keyset scan in either direction: ascending continues after {@code cursorId} ({@code id[gt]}), descending before
     * it ({@code id[lt]}), newest first. Built on {@link #list}, so every implementation gets it.
     */
    default KeysetPager pager(String resource, CoupaQuery query, Long cursorId, CoupaQuery.Direction direction) {
        return new CoupaKeysetPager(this, resource, query, cursorId, direction);
    }

    /** GET one record; {@code fields} may be null for Coupa's default representation. */
    ObjectNode get(String resource, long id, Fields fields);

    /** POST a new record; never retried unless the request provably never reached Coupa. */
    ObjectNode create(String resource, JsonNode body, Fields fields);

    /** PUT an update of one record. */
    ObjectNode update(String resource, long id, JsonNode body, Fields fields);

    /** PUT {@code /api/<resource>/<id>/<action>} (submit, void, approve, ...); never blindly retried. */
    ObjectNode action(String resource, long id, String action, JsonNode body, Fields fields);

    @Override
    void close();
}
