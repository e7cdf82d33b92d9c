package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/** A custom handler as a toolset would add one: counts the first page of records per status. */
public final class StatusCountHandler implements ToolHandler {
    private final ToolSpec spec;
    private final ToolContext context;

    public StatusCountHandler(ToolSpec spec, ToolContext context) {
        this.spec = spec;
        this.context = context;
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        CoupaQuery query = CoupaQuery.builder().fields(Fields.of("id", "status")).build();
        context.client().list(spec.binding().resource(), query)
                .forEach(r -> counts.merge(r.get("status").asString(), 1, Integer::sum));
        ObjectNode structured = Json.object();
        counts.forEach(structured::put);
        return ToolOutcome.success(structured, counts.toString());
    }
}
