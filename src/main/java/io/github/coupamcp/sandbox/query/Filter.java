package io.github.coupamcp.sandbox.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;

/**
 * One filter condition: a path into the record ({@code supplier, name}), an operator and the raw value.
 * Paths walk nested objects; where a step meets an array (a collection such as {@code invoice-lines}) the
 * filter matches when ANY element matches, as Coupa's SQL join does.
 */
public final class Filter {
    private final List<String> path;
    private final Operator op;
    private final String value;
    private final List<QueryValue> values;
    private final String name;

    public Filter(List<String> path, Operator op, String value) {
        this.path = List.copyOf(path);
        this.op = op;
        this.value = value;
        this.name = String.join(".", path);
        List<QueryValue> parsed = new ArrayList<>();
        rawValues().forEach(v -> parsed.add(QueryValue.of(v)));
        this.values = List.copyOf(parsed);
    }

    public List<String> path() {
        return path;
    }

    public Operator op() {
        return op;
    }

    public String value() {
        return value;
    }

    /** The filtered field's path, dotted, for error messages. */
    public String name() {
        return name;
    }

    /** True for filters on the record's own id, which are answered from the id index without rendering. */
    public boolean onId() {
        return path.size() == 1 && path.get(0).equals("id");
    }

    /** Fails with 400 now for values that can never be valid, even if no record is examined. */
    void validate() {
        if (op == Operator.BLANK && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new BadQueryException(name(), "blank expects true or false, got " + value);
        }
        String leafName = path.get(path.size() - 1);
        if (!op.textual() && Values.isDateField(leafName)) {
            for (String v : rawValues()) {
                Values.requireInstant(name(), v);
            }
        }
        if (onId() && !op.textual()) {
            for (String v : rawValues()) {
                parseId(v);
            }
        }
    }

    /** The comma-separated values of in/not_in, or the single value. */
    private List<String> rawValues() {
        if (op != Operator.IN && op != Operator.NOT_IN) {
            return List.of(value);
        }
        List<String> out = new ArrayList<>();
        for (String v : value.split(",")) {
            out.add(v.trim());
        }
        return out;
    }

    long parseId(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new BadQueryException(name(), "Invalid id " + v);
        }
    }

    /** Tests an id against an id filter without rendering the record. */
    public boolean matchesId(long id) {
        return test(JsonNodeFactory.instance.numberNode(id));
    }

    public boolean matches(JsonNode record) {
        List<JsonNode> leaves = new ArrayList<>();
        collect(record, 0, leaves);
        if (leaves.isEmpty()) {
            leaves.add(MissingNode.getInstance());
        }
        for (JsonNode leaf : leaves) {
            if (test(leaf)) {
                return true;
            }
        }
        return false;
    }

    private void collect(JsonNode node, int depth, List<JsonNode> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> collect(element, depth, out));
            return;
        }
        if (depth == path.size()) {
            out.add(node);
            return;
        }
        if (node.isObject()) {
            collect(FieldNames.get(node, path.get(depth)), depth + 1, out);
        }
    }

    private boolean test(JsonNode leaf) {
        boolean absent = leaf == null || leaf.isNull() || leaf.isMissingNode();
        if (op == Operator.BLANK) {
            return isBlank(leaf, absent) == Boolean.parseBoolean(value.trim().toLowerCase(Locale.ROOT));
        }
        if (absent) {
            return op == Operator.NOT_EQ || op == Operator.NOT_IN;
        }
        if (leaf.isContainer()) {
            return false;
        }
        QueryValue single = values.get(0);
        return switch (op) {
            case EXACT -> Values.compare(leaf, single, name) == 0;
            case NOT_EQ -> Values.compare(leaf, single, name) != 0;
            case GT -> Values.order(leaf, single, name) > 0;
            case LT -> Values.order(leaf, single, name) < 0;
            case GT_OR_EQ -> Values.order(leaf, single, name) >= 0;
            case LT_OR_EQ -> Values.order(leaf, single, name) <= 0;
            case IN -> anyEqual(leaf);
            case NOT_IN -> !anyEqual(leaf);
            case CONTAINS -> lower(leaf).contains(single.lower());
            case STARTS_WITH -> lower(leaf).startsWith(single.lower());
            case ENDS_WITH -> lower(leaf).endsWith(single.lower());
            case BLANK -> throw new IllegalStateException("handled above");
        };
    }

    private boolean anyEqual(JsonNode leaf) {
        for (QueryValue v : values) {
            if (Values.compare(leaf, v, name) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(JsonNode leaf, boolean absent) {
        if (absent) {
            return true;
        }
        if (leaf.isString()) {
            return leaf.asString().isBlank();
        }
        return leaf.isContainer() && leaf.isEmpty();
    }

    private static String lower(JsonNode leaf) {
        return leaf.asString().toLowerCase(Locale.ROOT);
    }
}
