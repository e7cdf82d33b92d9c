package io.github.coupamcp.tools;

import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code list}: a keyset page of records matching filters, with per-currency page totals and a cursor. */
final class ListKind implements ToolKind {
    /** Arguments every list tool understands besides its filters. */
    static final List<String> ARGUMENTS = List.of("limit", "cursor", "detail", "fields");

    @Override
    public String name() {
        return "list";
    }

    @Override
    public CoupaBinding parse(BindingBlock x, ObjectNode inputSchema) {
        Map<String, FilterBinding> filters = RecordBlocks.filters(x, "filters");
        RecordBlocks.checkFilters(x, "filters", filters, inputSchema);
        RecordBlocks.checkCovered(x, "filters", filters.keySet(), ARGUMENTS, inputSchema);
        return RecordBlocks.read(x, filters, ranges(x, filters), totals(x), List.of());
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new ListToolHandler(spec, context);
    }

    private static List<List<String>> ranges(BindingBlock x, Map<String, FilterBinding> filters) {
        List<List<String>> ranges = new ArrayList<>();
        x.optional("ranges").ifPresent(node -> {
            if (!node.isArray()) {
                throw x.problem("ranges", "must be an array of [from_argument, to_argument] pairs");
            }
            for (JsonNode pair : node) {
                if (!pair.isArray() || pair.size() != 2 || !filters.containsKey(pair.get(0).asString(""))
                        || !filters.containsKey(pair.get(1).asString(""))) {
                    throw x.problem("ranges", "entries must be [from_argument, to_argument] naming two filters, got "
                            + pair);
                }
                ranges.add(List.of(pair.get(0).asString(), pair.get(1).asString()));
            }
        });
        return ranges;
    }

    private static CoupaBinding.Totals totals(BindingBlock x) {
        return x.optionalObject("totals").map(node -> {
            String amount = node.path("amount").asString("");
            String currency = node.path("currency").asString("");
            if (amount.isBlank() || currency.isBlank()) {
                throw x.problem("totals", "needs amount and currency output keys");
            }
            JsonNode due = node.get("due");
            return new CoupaBinding.Totals(amount, currency, due == null ? null : due.asString());
        }).orElse(null);
    }
}
