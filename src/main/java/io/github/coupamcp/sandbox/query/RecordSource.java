package io.github.coupamcp.sandbox.query;

import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders records for the query engine, which asks only for the top-level fields it needs: those its filters and
 * ordering read, or those the client's projection keeps. Heavy records then skip building what nobody reads.
 */
@FunctionalInterface
public interface RecordSource {
    /**
     * The record with at least the named top-level fields (names may come dashed and underscored; unknown names
     * are ignored), or the full record when {@code fields} is null; null when there is no such record.
     */
    ObjectNode render(long id, Set<String> fields);
}
