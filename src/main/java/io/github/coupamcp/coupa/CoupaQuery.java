package io.github.coupamcp.coupa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable Coupa collection query: filters (ANDed), ordering, projection, {@code return_object}, limit, offset.
 * {@link #toParams()} gives the raw (not yet URL-encoded) query parameters in a stable order.
 */
public final class CoupaQuery {
    /** Coupa never returns more than 50 records per GET. */
    public static final int MAX_LIMIT = 50;

    public enum Direction { ASC, DESC }

    public enum ReturnObject { LIMITED, SHALLOW }

    /** Parameters the query itself sets: a filter by these names would override paging and the 50 cap. */
    static final Set<String> RESERVED = Set.of("limit", "offset", "order_by", "dir", "fields", "return_object");

    /** One condition, e.g. {@code supplier[name][contains]=Acme}; attribute may be a nested path like {@code supplier[name]}. */
    public record Filter(String attribute, Op op, List<String> values) {
        public Filter {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(op, "op");
            if (attribute.isBlank() || RESERVED.contains(attribute)) {
                throw new IllegalArgumentException("not a filterable attribute: '" + attribute
                        + "' (limit, offset, order and fields have their own settings)");
            }
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("filter " + attribute + " needs a value");
            }
            if (values.size() > 1 && op != Op.IN && op != Op.NOT_IN) {
                throw new IllegalArgumentException("only in/not_in take several values: " + attribute);
            }
        }

        public String paramName() {
            return op.token() == null ? attribute : attribute + "[" + op.token() + "]";
        }

        public String paramValue() {
            return String.join(",", values);
        }
    }

    private final List<Filter> filters;
    private final String orderBy;
    private final Direction direction;
    private final Fields fields;
    private final ReturnObject returnObject;
    private final int limit;
    private final int offset;

    private CoupaQuery(Builder b) {
        this.filters = List.copyOf(b.filters);
        this.orderBy = b.orderBy;
        this.direction = b.direction;
        this.fields = b.fields;
        this.returnObject = b.returnObject;
        this.limit = b.limit;
        this.offset = b.offset;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A query with no condition: Coupa's default first page. */
    public static CoupaQuery all() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.filters.addAll(filters);
        b.orderBy = orderBy;
        b.direction = direction;
        b.fields = fields;
        b.returnObject = returnObject;
        b.limit = limit;
        b.offset = offset;
        return b;
    }

    public List<Filter> filters() {
        return filters;
    }

    public String orderBy() {
        return orderBy;
    }

    public Direction direction() {
        return direction;
    }

    public Fields fields() {
        return fields;
    }

    public ReturnObject returnObject() {
        return returnObject;
    }

    public int limit() {
        return limit;
    }

    public int offset() {
        return offset;
    }

    /** Query parameters in a stable order: filters, order_by, dir, fields, return_object, limit, offset. */
    public List<Map.Entry<String, String>> toParams() {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (Filter f : filters) {
            params.add(Map.entry(f.paramName(), f.paramValue()));
        }
        if (orderBy != null) {
            params.add(Map.entry("order_by", orderBy));
            params.add(Map.entry("dir", direction == Direction.DESC ? "desc" : "asc"));
        }
        if (fields != null) {
            params.add(Map.entry("fields", fields.toParam()));
        }
        if (returnObject != null) {
            params.add(Map.entry("return_object", returnObject.name().toLowerCase()));
        }
        params.add(Map.entry("limit", Integer.toString(limit)));
        if (offset > 0) {
            params.add(Map.entry("offset", Integer.toString(offset)));
        }
        return params;
    }

    @Override
    public String toString() {
        return toParams().toString();
    }

    public static final class Builder {
        private final List<Filter> filters = new ArrayList<>();
        private String orderBy;
        private Direction direction = Direction.ASC;
        private Fields fields;
        private ReturnObject returnObject;
        private int limit = MAX_LIMIT;
        private int offset;

        private Builder() {}

        public Builder filter(String attribute, Op op, String... values) {
            filters.add(new Filter(attribute, op, List.of(values)));
            return this;
        }

        public Builder filter(String attribute, Op op, List<String> values) {
            filters.add(new Filter(attribute, op, values));
            return this;
        }

        public Builder eq(String attribute, String value) {
            return filter(attribute, Op.EQ, value);
        }

        /** Removes the filters on this attribute with this operator. */
        public Builder removeFilter(String attribute, Op op) {
            filters.removeIf(f -> f.attribute().equals(attribute) && f.op() == op);
            return this;
        }

        /** Removes every filter on this attribute (any operator). */
        public Builder clearFilter(String attribute) {
            filters.removeIf(f -> f.attribute().equals(attribute));
            return this;
        }

        public Builder orderBy(String attribute, Direction dir) {
            this.orderBy = attribute;
            this.direction = dir == null ? Direction.ASC : dir;
            return this;
        }

        public Builder fields(Fields fields) {
            this.fields = fields;
            return this;
        }

        public Builder returnObject(ReturnObject returnObject) {
            this.returnObject = returnObject;
            return this;
        }

        /** Clamped to 1..50: Coupa's cap. */
        public Builder limit(int limit) {
            this.limit = Math.max(1, Math.min(MAX_LIMIT, limit));
            return this;
        }

        public Builder offset(int offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0");
            }
            this.offset = offset;
            return this;
        }

        public CoupaQuery build() {
            return new CoupaQuery(this);
        }
    }
}
