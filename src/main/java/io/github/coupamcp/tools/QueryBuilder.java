package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns validated arguments into Coupa server-side filters through the tool's bindings. */
final class QueryBuilder {
    private QueryBuilder() {}

    static CoupaQuery.Builder withFilters(CoupaBinding binding, ObjectNode arguments) {
        return withFilters(binding.filters(), arguments);
    }

    static CoupaQuery.Builder withFilters(Map<String, FilterBinding> filters, ObjectNode arguments) {
        CoupaQuery.Builder query = CoupaQuery.builder();
        for (Map.Entry<String, FilterBinding> e : filters.entrySet()) {
            JsonNode value = arguments.get(e.getKey());
            if (value != null) {
                e.getValue().apply(query, value);
            }
        }
        return query;
    }
}
