package io.github.coupamcp.tools;

import io.github.coupamcp.tools.schema.BindingBlock;
import io.github.coupamcp.tools.schema.ToolSchemaException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get}: one record by {@code id}, or by a natural key ({@code keys}, e.g. an invoice number) optionally
 * narrowed by {@code qualifiers} (e.g. the supplier) when the key alone may match several records.
 */
final class GetKind implements ToolKind {
    /** Arguments every get tool understands besides its natural keys and qualifiers. */
    static final List<String> ARGUMENTS = List.of("id", "detail", "fields");

    @Override
    public String name() {
        return "get";
    }

    @Override
    public CoupaBinding parse(BindingBlock x, ObjectNode inputSchema) {
        Map<String, FilterBinding> keys = RecordBlocks.filters(x, "keys");
        Map<String, FilterBinding> qualifiers = RecordBlocks.filters(x, "qualifiers");
        RecordBlocks.checkFilters(x, "keys", keys, inputSchema);
        RecordBlocks.checkFilters(x, "qualifiers", qualifiers, inputSchema);
        if (!qualifiers.isEmpty() && keys.isEmpty()) {
            throw x.problem("qualifiers", "narrow a natural key, but x-coupa.keys names none");
        }
        Map<String, FilterBinding> lookup = new LinkedHashMap<>(keys);
        qualifiers.forEach((name, filter) -> {
            if (lookup.putIfAbsent(name, filter) != null) {
                throw x.problem("qualifiers." + name, "is already a key");
            }
        });
        RecordBlocks.checkCovered(x, "keys or qualifiers", lookup.keySet(), ARGUMENTS, inputSchema);
        if (!inputSchema.get("properties").has("id")) {
            throw new ToolSchemaException(x.file(), "a get tool needs an \"id\" argument");
        }
        return RecordBlocks.read(x, lookup, List.of(), null, List.copyOf(keys.keySet()), Map.of());
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new GetToolHandler(spec, context);
    }
}
