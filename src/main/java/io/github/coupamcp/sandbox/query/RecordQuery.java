package io.github.coupamcp.sandbox.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed Coupa list query ({@code limit}, {@code offset}, {@code order_by}, {@code dir}, filters,
 * {@code fields}, {@code return_object}) and its execution against one collection.
 *
 * <p>Ordering by id (the default, and what keyset paging uses) walks the live id index from the bound given by
 * {@code id[gt]}/{@code id[lt]} and stops after {@code limit} matches, rendering only records it must test or
 * return. Any other {@code order_by} sorts the ids of every match by that field first.
 */
public final class RecordQuery {
    public static final int MAX_LIMIT = 50;
    /** Parameters with a meaning of their own; every other parameter is a filter. */
    public static final Set<String> RESERVED = Set.of("limit", "offset", "order_by", "dir", "fields", "return_object",
            "filter");
    private static final String CUSTOM_FIELDS = "custom-fields";
    private static final Pattern PARAM = Pattern.compile("([^\\[\\]]+)((?:\\[[^\\[\\]]+\\])*)");
    private static final Pattern SEGMENT = Pattern.compile("\\[([^\\[\\]]+)\\]");

    private final int limit;
    private final int offset;
    private final List<String> orderBy;
    private final boolean descending;
    private final List<Filter> filters;
    private final Shape shape;

    private RecordQuery(int limit, int offset, List<String> orderBy, boolean descending, List<Filter> filters,
            Shape shape) {
        this.limit = limit;
        this.offset = offset;
        this.orderBy = orderBy;
        this.descending = descending;
        this.filters = filters;
        this.shape = shape;
    }

    /**
     * Parses the query parameters of a list request. {@code sample} gives any record of the collection (or null
     * when it is empty); it tells a nested field from an unknown operator and checks {@code order_by}, and is only
     * called when one of those needs checking.
     */
    public static RecordQuery parse(Map<String, List<String>> params, Supplier<JsonNode> sample) {
        return parse(params, sample, Set.of());
    }

    /**
     * As {@link #parse(Map, Supplier)}; a filter on a bare custom field name (one of {@code customFields}, e.g.
     * {@code cf-region=EMEA}) looks inside the record's {@code custom-fields}.
     */
    public static RecordQuery parse(Map<String, List<String>> params, Supplier<JsonNode> sample,
            Set<String> customFields) {
        int limit = intParam(params, "limit", MAX_LIMIT);
        int offset = intParam(params, "offset", 0);
        List<String> orderBy = orderBy(params, sample);
        boolean descending = descending(params);
        List<Filter> filters = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (!RESERVED.contains(e.getKey())) {
                for (String value : e.getValue()) {
                    filters.add(filter(e.getKey(), value, sample, customFields));
                }
            }
        }
        Shape shape = Shape.parse(params, false);
        return new RecordQuery(limit == 0 ? MAX_LIMIT : Math.min(limit, MAX_LIMIT), offset, orderBy, descending,
                List.copyOf(filters), shape);
    }

    public int limit() {
        return limit;
    }

    public Shape shape() {
        return shape;
    }

    /**
     * The page, in order, as records holding at least what {@link #shape()} needs (full records unless a
     * projection or {@code return_object=limited} narrows them). Candidates are rendered with only the fields the
     * filters read; the page's records once more with the fields the answer needs.
     */
    public List<ObjectNode> run(NavigableSet<Long> allIds, RecordSource source) {
        List<Filter> idFilters = filters.stream().filter(Filter::onId).toList();
        List<Filter> recordFilters = filters.stream().filter(f -> !f.onId()).toList();
        NavigableSet<Long> ids = IdRange.of(idFilters).narrow(allIds);
        List<Long> pageIds = orderBy == null
                ? byId(ids, idFilters, recordFilters, source)
                : byField(ids, idFilters, recordFilters, source);
        Set<String> needed = shape.fieldsNeeded();
        List<ObjectNode> page = new ArrayList<>(pageIds.size());
        for (long id : pageIds) {
            ObjectNode record = source.render(id, needed);
            if (record != null) {
                page.add(record);
            }
        }
        return page;
    }

    /** Walks the id index from the keyset bound and stops after {@code limit} matches. */
    private List<Long> byId(NavigableSet<Long> ids, List<Filter> idFilters, List<Filter> recordFilters,
            RecordSource source) {
        Set<String> read = topLevelNames(recordFilters, null);
        List<Long> page = new ArrayList<>();
        int skipped = 0;
        for (Long id : descending ? ids.descendingSet() : ids) {
            if (!allMatchId(idFilters, id)) {
                continue;
            }
            if (!recordFilters.isEmpty()) {
                ObjectNode record = source.render(id, read);
                if (record == null || !allMatch(recordFilters, record)) {
                    continue;
                }
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            page.add(id);
            if (page.size() == limit) {
                break;
            }
        }
        return page;
    }

    /** Sorts (key, id) pairs of every match by the order field, then keeps the page's ids. */
    private List<Long> byField(NavigableSet<Long> ids, List<Filter> idFilters, List<Filter> recordFilters,
            RecordSource source) {
        Set<String> read = topLevelNames(recordFilters, orderBy.get(0));
        record Keyed(Comparable<?> key, long id) {}
        List<Keyed> matches = new ArrayList<>();
        for (Long id : ids) {
            if (!allMatchId(idFilters, id)) {
                continue;
            }
            ObjectNode record = source.render(id, read);
            if (record != null && allMatch(recordFilters, record)) {
                matches.add(new Keyed(Values.sortKey(firstLeaf(record, orderBy)), id));
            }
        }
        Comparator<Keyed> order = (a, b) -> Values.compareKeys(a.key(), b.key());
        order = order.thenComparingLong(Keyed::id);
        matches.sort(descending ? order.reversed() : order);
        List<Long> page = new ArrayList<>();
        for (int i = offset; i < matches.size() && page.size() < limit; i++) {
            page.add(matches.get(i).id());
        }
        return page;
    }

    /** The top-level names the filters (and the order field, if any) read, in every spelling. */
    private static Set<String> topLevelNames(List<Filter> recordFilters, String orderField) {
        Set<String> names = new java.util.HashSet<>();
        recordFilters.forEach(f -> names.addAll(FieldNames.spellings(f.path().get(0))));
        if (orderField != null) {
            names.addAll(FieldNames.spellings(orderField));
        }
        return names;
    }

    private static boolean allMatchId(List<Filter> idFilters, long id) {
        for (Filter f : idFilters) {
            if (!f.matchesId(id)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allMatch(List<Filter> filters, JsonNode record) {
        for (Filter f : filters) {
            if (!f.matches(record)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode firstLeaf(JsonNode node, List<String> path) {
        if (node == null) {
            return null;
        }
        JsonNode current = node;
        for (String step : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = FieldNames.get(current, step);
        }
        return current;
    }

    static Filter filter(String param, String value, Supplier<JsonNode> sample, Set<String> customFields) {
        Matcher m = PARAM.matcher(param);
        if (!m.matches()) {
            throw new BadQueryException(param, "Malformed filter parameter " + param);
        }
        List<String> path = new ArrayList<>();
        path.add(m.group(1));
        Matcher seg = SEGMENT.matcher(m.group(2));
        while (seg.find()) {
            path.add(seg.group(1));
        }
        Operator op = Operator.EXACT;
        if (path.size() > 1) {
            Operator named = Operator.fromWire(path.get(path.size() - 1));
            if (named != null) {
                op = named;
                path.remove(path.size() - 1);
            } else if (isScalar(firstLeaf(sample.get(), path.subList(0, path.size() - 1)))) {
                throw new BadQueryException(String.join(".", path.subList(0, path.size() - 1)), "Unknown operator " + path.get(path.size() - 1)
                        + " (expected one of exact, gt, lt, gt_or_eq, lt_or_eq, not_eq, in, not_in, contains,"
                        + " starts_with, ends_with, blank)");
            }
        }
        JsonNode record = sample.get();
        if (record != null && FieldNames.keyIn(record, path.get(0)) == null
                && customFields.contains(FieldNames.dashed(path.get(0)))) {
            path.add(0, CUSTOM_FIELDS);
        }
        if (record != null && FieldNames.keyIn(record, path.get(0)) == null) {
            // a typo such as supplier_name for supplier[name] would otherwise silently match nothing
            throw new BadQueryException(path.get(0), "Unknown field " + path.get(0) + " for this resource");
        }
        if (record != null) {
            requireNestedKnown(record, path);
        }
        Filter filter = new Filter(List.copyOf(path), op, value);
        filter.validate();
        return filter;
    }

    /**
     * 400 for a nested name the sample's nested object (or every element of its collection) does not have, e.g.
     * {@code supplier[nmae]}. Where the sample cannot tell (a null association, an empty collection) the filter
     * is let through.
     */
    private static void requireNestedKnown(JsonNode record, List<String> path) {
        List<JsonNode> level = new ArrayList<>();
        level.add(FieldNames.get(record, path.get(0)));
        for (int i = 1; i < path.size(); i++) {
            List<JsonNode> objects = new ArrayList<>();
            for (JsonNode node : level) {
                if (node != null && node.isArray()) {
                    node.forEach(objects::add);
                } else {
                    objects.add(node);
                }
            }
            objects.removeIf(node -> node == null || !node.isObject());
            if (objects.isEmpty()) {
                return;
            }
            String step = path.get(i);
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode object : objects) {
                if (FieldNames.keyIn(object, step) != null) {
                    next.add(FieldNames.get(object, step));
                }
            }
            if (next.isEmpty()) {
                String name = path.get(0) + path.subList(1, i + 1).stream().map(p -> "[" + p + "]")
                        .collect(java.util.stream.Collectors.joining());
                throw new BadQueryException(path.get(0), "Unknown field " + name + " for this resource");
            }
            level = next;
        }
    }

    private static boolean isScalar(JsonNode node) {
        return node != null && !node.isNull() && !node.isContainer() && !node.isMissingNode();
    }

    private static List<String> orderBy(Map<String, List<String>> params, Supplier<JsonNode> sample) {
        String name = last(params, "order_by");
        if (name == null || name.isBlank() || name.trim().equals("id")) {
            return null;
        }
        List<String> path = List.of(name.trim());
        JsonNode record = sample.get();
        if (record != null) {
            JsonNode value = firstLeaf(record, path);
            if (value == null || value.isContainer()) {
                throw new BadQueryException("order_by", "Cannot order by " + name + " (not a field of this resource)");
            }
        }
        return path;
    }

    private static boolean descending(Map<String, List<String>> params) {
        String dir = last(params, "dir");
        if (dir == null) {
            return false;
        }
        return switch (dir.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new BadQueryException("dir", "dir must be asc or desc, got " + dir);
        };
    }

    static int intParam(Map<String, List<String>> params, String name, int fallback) {
        String raw = last(params, name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 0) {
                throw new BadQueryException(name, name + " must not be negative, got " + raw);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadQueryException(name, name + " must be an integer, got " + raw);
        }
    }

    static String last(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
