package io.github.coupamcp.tools;

import io.github.coupamcp.shape.RecordCompactor;
import io.github.coupamcp.shape.SortPosition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The order one call lists in: by id (the default, a plain keyset), or by a field of the tool's {@code orderBy}
 * allowlist with ties broken by id in the same direction and records without a value last, in id order.
 */
record ListOrder(SortField field, String outputKey, boolean descending) {
    static final String ORDER_BY = "order_by";
    static final String DIR = "dir";

    static ListOrder of(CoupaBinding binding, ObjectNode listing) {
        boolean descending = "desc".equals(listing.path(DIR).asString("asc"));
        SortField field = binding.orderBy().get(listing.path(ORDER_BY).asString("id"));
        if (field == null || field.attribute().equals("id")) {
            return new ListOrder(null, "id", descending);
        }
        String output = binding.compaction().renames().getOrDefault(field.attribute(),
                RecordCompactor.snake(field.attribute()));
        return new ListOrder(field, output, descending);
    }

    boolean byId() {
        return field == null;
    }

    /** The sort value of a compacted record, as Coupa wrote it; null when it has none. */
    String valueOf(ObjectNode record) {
        JsonNode v = record.get(outputKey);
        return v == null || v.isNull() || v.isContainer() ? null : v.asString();
    }

    /** Where a listing stands after {@code record}; {@code runComplete}: no record with its value follows. */
    SortPosition positionAfter(ObjectNode record, boolean runComplete) {
        if (byId()) {
            return null;
        }
        String value = valueOf(record);
        return value == null ? SortPosition.NO_VALUE : new SortPosition(value, runComplete);
    }

    /** The read-ahead's spelling of a position beyond its last id: null in ascending id order only. */
    String readAheadKey(SortPosition position) {
        if (byId()) {
            return descending ? "id desc" : null;
        }
        if (position == null || position.inNoValue()) {
            return "no value";
        }
        return (position.runComplete() ? "after " : "within ") + position.value();
    }
}
