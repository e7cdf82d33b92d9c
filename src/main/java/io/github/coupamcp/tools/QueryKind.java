package io.github.coupamcp.tools;

import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code query}: a list whose resource is an argument, for the long tail the typed tools leave out. Each allowed
 * resource is bound like a list tool's ({@code x-coupa.resources.<name>}: scope, nouns, default fields); filters are
 * Coupa's own syntax, checked against the resource's documented attributes ({@link QueryFilters}); paging, cursors,
 * projection and the response budget are the list kind's.
 */
final class QueryKind implements ToolKind {
    static final String RESOURCE = "resource";
    /** Arguments a query tool publishes besides {@code resource}. */
    static final List<String> ARGUMENTS = List.of(QueryFilters.ARGUMENT, "fields", "limit", "cursor", ListOrder.DIR);

    @Override
    public String name() {
        return "query";
    }

    @Override
    public QueryBlock parse(BindingBlock x, ObjectNode inputSchema) {
        String entity = x.requiredText("entity");
        String entities = x.requiredText("entities");
        Map<String, CoupaBinding> resources = new LinkedHashMap<>();
        x.requiredObject("resources").properties().forEach(e -> {
            if (!(e.getValue() instanceof ObjectNode node)) {
                throw x.problem("resources." + e.getKey(), "must be an object (scope, entity, entities, fields)");
            }
            BindingBlock resource = x.nested("resources", e.getKey(), node,
                    Map.of(RESOURCE, e.getKey(), "listTool", "coupa_query"));
            resources.put(e.getKey(), RecordBlocks.read(resource, Map.of(), List.of(), null, List.of(), Map.of()));
            resource.finish();
        });
        if (resources.isEmpty()) {
            throw x.problem("resources", "must allow at least one resource");
        }
        List<String> published = new ArrayList<>();
        inputSchema.path("properties").path(RESOURCE).path("enum").forEach(n -> published.add(n.asString()));
        if (!published.equals(new ArrayList<>(resources.keySet()))) {
            throw x.problem("resources", "must match inputSchema.resource.enum " + published
                    + " (names and order), got " + resources.keySet());
        }
        List<String> shared = new ArrayList<>(ARGUMENTS);
        shared.add(RESOURCE);
        RecordBlocks.checkCovered(x, "resources", Set.of(), shared, inputSchema);
        JsonNode required = inputSchema.path("required");
        if (required.size() != 1 || !RESOURCE.equals(required.get(0).asString())) {
            throw x.problem("resources", "needs inputSchema.required [\"resource\"]");
        }
        return new QueryBlock(entity, entities, resources);
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new QueryToolHandler(spec, context);
    }
}
