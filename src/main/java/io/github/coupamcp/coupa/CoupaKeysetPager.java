package io.github.coupamcp.coupa;

import java.util.List;
import java.util.NoSuchElementException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keyset scan over one collection: {@code order_by=id} and {@code id[gt]=<last>} ({@code id[lt]} descending), one GET
 * per page, fetched only when asked for. Ids never change, so records whose status changes mid-scan are neither
 * skipped nor repeated (offsets would shift). Holds one page at a time. A page shorter than the limit is the last,
 * so N records cost ceil(N/limit) requests, plus one empty page when N is a multiple of the limit.
 */
public final class CoupaKeysetPager implements KeysetPager {
    private final CoupaClient client;
    private final String resource;
    private final CoupaQuery base;
    private final CoupaQuery.Direction direction;
    private Long lastId;
    private List<ObjectNode> buffered;
    private boolean exhausted;

    public CoupaKeysetPager(CoupaClient client, String resource, CoupaQuery query, Long startAfterId,
            CoupaQuery.Direction direction) {
        this.client = client;
        this.resource = resource;
        this.direction = direction == null ? CoupaQuery.Direction.ASC : direction;
        Op forward = forward();
        // The query's own bound in the scan direction becomes the starting point (the keyset filter replaces it);
        // a bound the other way (id[lt] when ascending) is a real condition and stays.
        Long start = startAfterId;
        for (CoupaQuery.Filter f : query.filters()) {
            if (f.attribute().equals("id") && f.op() == forward) {
                start = tighter(start, parseId(f));
            }
        }
        CoupaQuery.Builder b = query.toBuilder()
                .removeFilter("id", forward)
                .orderBy("id", this.direction)
                .offset(0);
        if (query.fields() != null) {
            b.fields(query.fields().including("id"));
        }
        this.base = b.build();
        this.lastId = start;
    }

    private Op forward() {
        return direction == CoupaQuery.Direction.ASC ? Op.GT : Op.LT;
    }

    /** The later start: the larger id ascending, the smaller descending. */
    private Long tighter(Long a, long b) {
        if (a == null) {
            return b;
        }
        return direction == CoupaQuery.Direction.ASC ? Math.max(a, b) : Math.min(a, b);
    }

    private static long parseId(CoupaQuery.Filter f) {
        try {
            return Long.parseLong(f.paramValue().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(f.paramName() + " must be a whole number, got '" + f.paramValue() + "'");
        }
    }

    @Override
    public boolean hasNext() {
        if (buffered != null) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        List<ObjectNode> page = client.list(resource, pageQuery());
        if (page.size() < base.limit()) {
            exhausted = true;
        }
        if (page.isEmpty()) {
            return false;
        }
        checkOrder(page);
        buffered = page;
        return true;
    }

    @Override
    public List<ObjectNode> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more " + resource);
        }
        List<ObjectNode> page = buffered;
        buffered = null;
        lastId = id(page.get(page.size() - 1));
        return page;
    }

    @Override
    public Long lastId() {
        return lastId;
    }

    CoupaQuery pageQuery() {
        if (lastId == null) {
            return base;
        }
        return base.toBuilder().filter("id", forward(), Long.toString(lastId)).build();
    }

    /** A server that ignores order_by or id[gt] would make the scan loop or skip: refuse to go on. */
    private void checkOrder(List<ObjectNode> page) {
        Long previous = lastId;
        for (ObjectNode record : page) {
            long id = id(record);
            if (previous != null && (direction == CoupaQuery.Direction.ASC ? id <= previous : id >= previous)) {
                throw new CoupaException.UnexpectedResponse("keyset paging of " + resource + ": id " + id
                        + " is out of order after " + previous + " (the server ignored order_by=id or the id filter)",
                        200, "GET", "/api/" + resource, null);
            }
            previous = id;
        }
    }

    private long id(ObjectNode record) {
        JsonNode id = record.get("id");
        if (id == null || !id.canConvertToLong()) {
            throw new CoupaException.UnexpectedResponse("keyset paging of " + resource + ": a record has no numeric id",
                    200, "GET", "/api/" + resource, null);
        }
        return id.asLong();
    }
}
