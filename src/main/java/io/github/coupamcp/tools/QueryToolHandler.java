package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a query tool: one list handler per allowed resource (the same paging, cursors, read-ahead and budget as every
 * list tool), its filters read from the {@code filters} argument. The cursor pins the resource with the filters.
 */
final class QueryToolHandler implements ToolHandler {
    /** Per resource: the tool seen as a list tool of that resource, and its handler. */
    private record Bound(ToolSpec spec, ListToolHandler handler) {}

    private final Map<String, Bound> byResource = new LinkedHashMap<>();

    QueryToolHandler(ToolSpec spec, ToolContext context) {
        QueryBlock block = (QueryBlock) spec.block();
        block.resources().forEach((name, binding) -> {
            ToolSpec asList = new ToolSpec(spec.definition(), spec.kind(), binding, spec.file(), List.of());
            byResource.put(name, new Bound(asList, new ListToolHandler(asList, context,
                    listing -> QueryFilters.query(binding, listing))));
        });
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments) {
        Bound bound = byResource.get(arguments.path(QueryKind.RESOURCE).asString());
        // checked before any cursor or read-ahead: a page served from memory must not skip the check
        QueryFilters.parse(bound.spec().binding(), arguments);
        try {
            return bound.handler().handle(arguments);
        } catch (CoupaException e) {
            // worded for the resource read (its nouns, its scope), not for the tool as a whole
            return ToolErrorMessages.coupa(bound.spec(), e, null);
        }
    }

    @Override
    public Long subjectId(ObjectNode arguments) {
        return null;
    }
}
