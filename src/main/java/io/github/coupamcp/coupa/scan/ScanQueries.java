package io.github.coupamcp.coupa.scan;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.Op;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Coupa queries of one scan, all {@code order_by=id}: the first page and the largest match (which bound the id
 * range, honouring the caller's own id bounds), and keyset pages inside a partition. The caller's order, offset and
 * limit are ignored; a projection always includes {@code id}.
 */
final class ScanQueries {
    private static final Set<Op> ID_BOUNDS = Set.of(Op.GT, Op.GT_OR_EQ, Op.LT, Op.LT_OR_EQ);

    private final String resource;
    private final CoupaQuery bounded;
    private final CoupaQuery unbounded;

    ScanQueries(String resource, CoupaQuery query) {
        this.resource = resource;
        CoupaQuery.Builder b = query.toBuilder().orderBy("id", CoupaQuery.Direction.ASC).offset(0)
                .limit(CoupaQuery.MAX_LIMIT);
        if (query.fields() != null) {
            b.fields(query.fields().including("id"));
        }
        for (CoupaQuery.Filter f : query.filters()) {
            if (f.attribute().equals("id") && ID_BOUNDS.contains(f.op())) {
                checkNumeric(f);
            }
        }
        this.bounded = b.build();
        for (Op op : ID_BOUNDS) {
            b.removeFilter("id", op);
        }
        // Partition pages carry their own id bounds; the caller's (tighter or equal, since every partition lies
        // between two matches) are dropped rather than sent twice, which Coupa would resolve by keeping one.
        this.unbounded = b.build();
    }

    /** The first page of matches, smallest ids first. */
    CoupaQuery firstPage() {
        return bounded;
    }

    /** The single match with the largest id. */
    CoupaQuery largest() {
        return bounded.toBuilder().orderBy("id", CoupaQuery.Direction.DESC).limit(1).fields(Fields.of("id")).build();
    }

    /** The next page of matches with {@code after < id <= hi}. */
    CoupaQuery page(long after, long hi) {
        return unbounded.toBuilder().filter("id", Op.GT, Long.toString(after))
                .filter("id", Op.LT_OR_EQ, Long.toString(hi)).build();
    }

    int limit() {
        return bounded.limit();
    }

    /** The page's ids, checked to ascend strictly after {@code after}: a server ignoring the keyset must not loop. */
    long[] ids(List<ObjectNode> page, Long after) {
        long[] ids = new long[page.size()];
        Long previous = after;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(page.get(i));
            if (previous != null && ids[i] <= previous) {
                throw unexpected("id " + ids[i] + " is out of order after " + previous
                        + " (the server ignored order_by=id or the id filter)");
            }
            previous = ids[i];
        }
        return ids;
    }

    long id(ObjectNode record) {
        JsonNode id = record.get("id");
        if (id == null || !id.canConvertToLong()) {
            throw unexpected("a record has no numeric id");
        }
        return id.asLong();
    }

    private CoupaException unexpected(String what) {
        return new CoupaException.UnexpectedResponse("scan of " + resource + ": " + what, 200, "GET",
                "/api/" + resource, null);
    }

    private static void checkNumeric(CoupaQuery.Filter f) {
        try {
            Long.parseLong(f.paramValue().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(f.paramName() + " must be a whole number, got '" + f.paramValue() + "'");
        }
    }
}
