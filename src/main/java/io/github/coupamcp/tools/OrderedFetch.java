package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.shape.SortPosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fetches the records after a position of a listing, in its {@link ListOrder}, from Coupa pages of 50.
 *
 * <p>By id it is one keyset request ({@code id[gt]}, or {@code id[lt]} descending). By another field, Coupa's filters
 * cannot say "value after v, or value v and id after n", and Coupa does not document how it orders ties, so the
 * listing walks value runs (records sharing one value): {@code attr[gt]=v} (or {@code [lt]}) ordered by the field
 * gives whole runs except perhaps the last of a full page, which is dropped and asked again; a run is returned in id
 * order. A run that fills a page alone, or one a position stopped inside, is walked by id keyset within its value
 * ({@code attr=v&id[gt]=n}, ordered by id). Records without a value come last, by id keyset with
 * {@code attr[blank]=true}. So every record that keeps its value and its filters' match is listed exactly once, in
 * order, whatever Coupa does with ties; a record whose sort value changes while paging may be skipped or listed
 * again (it moved behind or ahead of the position).
 */
final class OrderedFetch {
    /** Upstream requests one fetch may make at most: enough to fill a page across a run boundary and a page cut. */
    static final int MAX_REQUESTS = 6;

    /** Records in order after a position; whether Coupa may hold more; whether the last one ends its value's run. */
    record Batch(List<ObjectNode> records, boolean moreUpstream, boolean lastRunComplete) {}

    private enum Step { WITHIN_VALUE, AFTER_VALUE, NO_VALUE, DONE }

    private final ListOrder order;
    private final Supplier<CoupaQuery.Builder> base;
    private final Function<CoupaQuery, List<ObjectNode>> upstream;

    /**
     * @param base     a new builder with the call's filters and projection, each time
     * @param upstream runs a query, returning compacted records in Coupa's order
     */
    OrderedFetch(ListOrder order, Supplier<CoupaQuery.Builder> base, Function<CoupaQuery, List<ObjectNode>> upstream) {
        this.order = order;
        this.base = base;
        this.upstream = upstream;
    }

    /**
     * At least {@code wanted} records after the position (fewer at the end), from the start when {@code afterId} is
     * null; {@code sortedAfter} is the rest of the position when the order is not by id.
     */
    Batch fetch(Long afterId, SortPosition sortedAfter, int wanted) {
        return order.byId() ? byId(afterId) : byField(afterId, sortedAfter, wanted);
    }

    private CoupaQuery.Direction direction() {
        return order.descending() ? CoupaQuery.Direction.DESC : CoupaQuery.Direction.ASC;
    }

    private Op after() {
        return order.descending() ? Op.LT : Op.GT;
    }

    private Batch byId(Long afterId) {
        CoupaQuery.Builder q = base.get().orderBy("id", direction()).limit(CoupaQuery.MAX_LIMIT);
        if (afterId != null) {
            q.filter("id", after(), Long.toString(afterId));
        }
        List<ObjectNode> rows = upstream.apply(q.build());
        return new Batch(rows, rows.size() == CoupaQuery.MAX_LIMIT, true);
    }

    private Batch byField(Long afterId, SortPosition position, int wanted) {
        String attribute = order.field().attribute();
        Step step;
        String value = null;
        Long lastId = null;
        if (afterId == null) {
            step = Step.AFTER_VALUE;
        } else if (position == null || position.inNoValue()) {
            step = Step.NO_VALUE;
            lastId = afterId;
        } else {
            value = position.value();
            step = position.runComplete() ? Step.AFTER_VALUE : Step.WITHIN_VALUE;
            lastId = position.runComplete() ? null : afterId;
        }
        List<ObjectNode> out = new ArrayList<>();
        boolean lastRunComplete = true;
        // once the values are exhausted the blank ones are asked at once: a position cannot say "after every value"
        boolean valuesEnded = false;
        for (int requests = 0; requests < MAX_REQUESTS && step != Step.DONE && (out.size() < wanted || valuesEnded);
                requests++) {
            valuesEnded = false;
            switch (step) {
                case WITHIN_VALUE, NO_VALUE -> {
                    CoupaQuery.Builder q = base.get().orderBy("id", direction()).limit(CoupaQuery.MAX_LIMIT);
                    if (step == Step.NO_VALUE) {
                        q.filter(attribute, Op.BLANK, "true");
                    } else {
                        q.filter(attribute, Op.EQ, value);
                    }
                    if (lastId != null) {
                        q.filter("id", after(), Long.toString(lastId));
                    }
                    List<ObjectNode> rows = upstream.apply(q.build());
                    out.addAll(rows);
                    boolean full = rows.size() == CoupaQuery.MAX_LIMIT;
                    if (full) {
                        lastId = rows.get(rows.size() - 1).path("id").asLong();
                    }
                    lastRunComplete = !full || step == Step.NO_VALUE;
                    if (!full) {
                        step = step == Step.NO_VALUE ? Step.DONE : Step.AFTER_VALUE;
                        lastId = null;
                    }
                }
                case AFTER_VALUE -> {
                    CoupaQuery.Builder q = base.get().orderBy(attribute, direction()).limit(CoupaQuery.MAX_LIMIT);
                    if (value != null) {
                        q.filter(attribute, after(), value);
                    } else if (order.field().nullable()) {
                        q.filter(attribute, Op.BLANK, "false"); // they come last, whatever Coupa's null order is
                    }
                    List<ObjectNode> rows = upstream.apply(q.build());
                    List<List<ObjectNode>> runs = runs(rows);
                    boolean full = rows.size() == CoupaQuery.MAX_LIMIT;
                    if (runs.isEmpty()) {
                        step = order.field().nullable() ? Step.NO_VALUE : Step.DONE;
                        valuesEnded = true;
                        continue;
                    }
                    if (full && runs.size() == 1) {
                        step = Step.WITHIN_VALUE; // one value fills the page: walk it by id
                        value = order.valueOf(runs.get(0).get(0));
                        continue;
                    }
                    // a full page may have cut its last run: it is asked again from the one before
                    List<List<ObjectNode>> whole = full ? runs.subList(0, runs.size() - 1) : runs;
                    whole.forEach(out::addAll);
                    lastRunComplete = true;
                    if (full) {
                        List<ObjectNode> lastRun = whole.get(whole.size() - 1);
                        value = order.valueOf(lastRun.get(0));
                    } else {
                        step = order.field().nullable() ? Step.NO_VALUE : Step.DONE;
                        valuesEnded = true;
                    }
                }
                case DONE -> throw new IllegalStateException("the loop stops at DONE");
            }
        }
        return new Batch(out, step != Step.DONE, lastRunComplete);
    }

    /**
     * Consecutive records sharing a sort value, each in id order (the listing's tie order). Records without a value
     * are left out: they are listed last, on their own.
     */
    private List<List<ObjectNode>> runs(List<ObjectNode> rows) {
        List<List<ObjectNode>> runs = new ArrayList<>();
        String current = null;
        for (ObjectNode row : rows) {
            String value = order.valueOf(row);
            if (value == null) {
                continue;
            }
            if (runs.isEmpty() || !Objects.equals(value, current)) {
                runs.add(new ArrayList<>());
                current = value;
            }
            runs.get(runs.size() - 1).add(row);
        }
        Comparator<ObjectNode> byId = Comparator.comparingLong(r -> r.path("id").asLong());
        runs.forEach(run -> run.sort(order.descending() ? byId.reversed() : byId));
        return runs;
    }
}
