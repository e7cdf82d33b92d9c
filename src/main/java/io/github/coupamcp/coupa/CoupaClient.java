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
