package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code list}: a keyset page of records matching filters, with per-currency page totals and a cursor. */
final class ListKind implements ToolKind {
    /** Arguments every list tool understands besides its filters. */
    static final List<String> ARGUMENTS = List.of("limit", "cursor", "detail", "fields");
    /** Arguments of a list tool that declares {@code orderBy}. */
    static final List<String> ORDER_ARGUMENTS = List.of(ListOrder.ORDER_BY, ListOrder.DIR);

    @Override
    public String name() {
        return "list";
    }

    @Override
    public CoupaBinding parse(BindingBlock x, ObjectNode inputSchema) {
        Map<String, FilterBinding> filters = RecordBlocks.filters(x, "filters");
        RecordBlocks.checkFilters(x, "filters", filters, inputSchema);
        Map<String, SortField> orderBy = orderBy(x, inputSchema);
        List<String> shared = new ArrayList<>(ARGUMENTS);
        if (!orderBy.isEmpty()) {
            shared.addAll(ORDER_ARGUMENTS);
        }
        RecordBlocks.checkCovered(x, "filters", filters.keySet(), shared, inputSchema);
        CoupaBinding binding = RecordBlocks.read(x, filters, ranges(x, filters), totals(x), List.of(), orderBy);
        for (SortField field : orderBy.values()) {
            for (Fields projection : List.of(binding.fields(), binding.fullFields())) {
                if (projection.topLevelNames().stream().noneMatch(n -> n.replace('_', '-')
                        .equals(field.attribute()))) {
                    throw x.problem("orderBy." + field.name(), "sorts by " + field.attribute()
                            + ", which fields and fullFields must include (its value positions the cursor)");
                }
            }
        }
        return binding;
    }

    /**
     * {@code "orderBy": {"total": "total-with-taxes", "net_due_date": {"attribute": "net-due-date", "nullable":
     * true}}}: published as the {@code order_by} enum, in this order, next to {@code dir}.
     */
    private static Map<String, SortField> orderBy(BindingBlock x, ObjectNode inputSchema) {
        Map<String, SortField> fields = new LinkedHashMap<>();
        x.optionalObject("orderBy").ifPresent(node -> node.properties().forEach(e -> {
            JsonNode v = e.getValue();
            String attribute = v.isString() ? v.asString() : v.path("attribute").asString("");
            boolean nullable = v.path("nullable").asBoolean(false);
            if (attribute.isBlank() || attribute.contains("[") || attribute.contains(".")
                    || (v.isObject() && !Set.of("attribute", "nullable").containsAll(v.propertyNames()))) {
                throw x.problem("orderBy." + e.getKey(), "must name a top-level Coupa attribute, as a string or "
                        + "{\"attribute\": ..., \"nullable\": true}, got " + v);
            }
            if (nullable && attribute.equals("id")) {
                throw x.problem("orderBy." + e.getKey(), "id is never blank");
            }
            fields.put(e.getKey(), new SortField(e.getKey(), attribute, nullable));
        }));
        if (fields.isEmpty()) {
            if (x.optional("orderBy").isPresent()) {
                throw x.problem("orderBy", "must name at least one field");
            }
            return fields;
        }
        JsonNode properties = inputSchema.get("properties");
        List<String> published = new ArrayList<>();
        properties.path(ListOrder.ORDER_BY).path("enum").forEach(n -> published.add(n.asString()));
        if (!published.equals(new ArrayList<>(fields.keySet()))) {
            throw x.problem("orderBy", "must match inputSchema." + ListOrder.ORDER_BY + ".enum " + published
                    + " (names and order), got " + fields.keySet());
        }
        List<String> dirs = new ArrayList<>();
        properties.path(ListOrder.DIR).path("enum").forEach(n -> dirs.add(n.asString()));
        if (!dirs.equals(List.of("asc", "desc"))) {
            throw x.problem("orderBy", "needs inputSchema." + ListOrder.DIR + " with enum [\"asc\", \"desc\"]");
        }
        return fields;
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new ListToolHandler(spec, context);
    }

    /** {@code [["from_arg", "to_arg"]]} naming two filters; aggregate tools read the same key. */
    static List<List<String>> ranges(BindingBlock x, Map<String, FilterBinding> filters) {
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
            JsonNode summaryTool = node.get("summaryTool");
            if (!Set.of("amount", "currency", "due", "summaryTool").containsAll(node.propertyNames())) {
                throw x.problem("totals", "takes amount, currency, due and summaryTool, got " + node.propertyNames());
            }
            return new CoupaBinding.Totals(amount, currency, due == null ? null : due.asString(),
                    summaryTool == null ? null : summaryTool.asString());
        }).orElse(null);
    }
}
