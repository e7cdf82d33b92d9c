package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.Cursor;
import io.github.coupamcp.shape.CursorCodec;
import io.github.coupamcp.shape.CursorException;
import io.github.coupamcp.shape.FreeText;
import io.github.coupamcp.shape.PageTotals;
import io.github.coupamcp.shape.ReadAhead;
import io.github.coupamcp.shape.RecordCompactor;
import io.github.coupamcp.shape.Rendering;
import io.github.coupamcp.shape.ResponseBudget;
import io.github.coupamcp.shape.SingleRecordFit;
import io.github.coupamcp.shape.SortPosition;
import io.github.coupamcp.shape.TextRenderer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generic list tool: arguments become Coupa server-side filters, one keyset page is fetched in the listing's order
 * ({@code order_by=id}, {@code id[gt]=<last id>} by default; {@link OrderedFetch} for the others), records are
 * compacted and the page is filled until the response budget or the limit, whichever comes first; a signed cursor
 * continues after the last record returned.
 * What was fetched but not returned waits in the connection's {@link ReadAhead}, so paging a listing end to end
 * costs about one Coupa request per 50 records.
 */
final class ListToolHandler implements ToolHandler {
    /** Arguments that move through a listing without changing which records it covers. */
    private static final List<String> PAGING_ARGUMENTS = List.of("limit", "cursor");

    private final ToolSpec spec;
    private final ToolContext context;
    private final RecordCompactor compactor;
    /** The Coupa filters of a listing's arguments: the binding's, unless the tool reads them its own way. */
    private final Function<ObjectNode, CoupaQuery.Builder> filters;

    ListToolHandler(ToolSpec spec, ToolContext context) {
        this(spec, context, listing -> QueryBuilder.withFilters(spec.binding(), listing));
    }

    ListToolHandler(ToolSpec spec, ToolContext context, Function<ObjectNode, CoupaQuery.Builder> filters) {
        this.spec = spec;
        this.context = context;
        this.compactor = new RecordCompactor(spec.binding().compaction());
        this.filters = filters;
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments) {
        ObjectNode listing = listingArguments(arguments);
        Long afterId = null;
        SortPosition sortedAfter = null;
        if (arguments.has("cursor")) {
            Cursor cursor = context.cursors().decode(spec.name(), arguments.get("cursor").asString());
            if (listing.isEmpty() && cursor.arguments() != null) {
                listing = cursor.arguments();
            }
            if (!cursor.continues(listing)) {
                throw new CursorException(CursorException.Reason.MISMATCHED, listing.isEmpty()
                        ? "its filters are too long to travel in the cursor, so pass them again with it"
                        : "its filters differ from this call's");
            }
            afterId = cursor.afterId();
            sortedAfter = cursor.sortedAfter();
        }
        ListOrder order = ListOrder.of(spec.binding(), listing);
        if (afterId != null && order.byId() != (sortedAfter == null)) {
            throw new CursorException(CursorException.Reason.MISMATCHED, "it continues another order_by");
        }
        int limit = arguments.has("limit") ? arguments.get("limit").asInt() : context.defaultPageSize();
        Fields projection = Projection.resolve(spec.binding(), listing);
        String digest = CursorCodec.digest(listing);
        Candidates found = candidates(listing, order, projection, digest, afterId, sortedAfter, limit);
        List<ObjectNode> candidates = found.records();
        List<SortPosition> positions = positions(order, candidates, found.lastRunComplete());
        List<ObjectNode> offered = candidates.subList(0, Math.min(limit, candidates.size()));
        Listed listed = new Listed(listing, positions);
        Page page = fill(offered, found.moreUpstream() || candidates.size() > limit, listed, afterId != null);
        if (page.returned() > 0 && page.returned() < candidates.size()) {
            int last = page.returned() - 1;
            context.readAhead().keep(key(digest, projection, order, candidates.get(last).path("id").asLong(),
                    positions.get(last)), candidates.subList(page.returned(), candidates.size()),
                    found.moreUpstream(), found.lastRunComplete());
        }
        return page.outcome();
    }

    /**
     * Records after the position in the listing's order, whether Coupa may hold more after the last of them, and
     * whether that last one ends the records sharing its sort value.
     */
    private record Candidates(List<ObjectNode> records, boolean moreUpstream, boolean lastRunComplete) {}

    /** The listing's arguments, and the position after each candidate (null entries in id order). */
    private record Listed(ObjectNode arguments, List<SortPosition> positions) {}

    /**
     * What the read-ahead kept for this position, topped up from Coupa while it holds no more than the limit: one
     * record beyond the limit tells whether another page exists. A fetch always asks for Coupa's maximum, since what
     * this page cannot hold is kept for the next one.
     */
    private Candidates candidates(ObjectNode listing, ListOrder order, Fields projection, String digest, Long afterId,
            SortPosition sortedAfter, int limit) {
        List<ObjectNode> records = new ArrayList<>();
        boolean moreUpstream = true;
        boolean lastRunComplete = sortedAfter == null || sortedAfter.runComplete();
        if (afterId != null) {
            Optional<ReadAhead.Rest> kept = context.readAhead().take(key(digest, projection, order, afterId,
                    sortedAfter));
            if (kept.isPresent()) {
                records.addAll(kept.get().records());
                moreUpstream = kept.get().moreUpstream();
                lastRunComplete = kept.get().lastRunComplete();
            }
        }
        if (records.size() <= limit && moreUpstream) {
            Long fromId = afterId;
            SortPosition from = sortedAfter;
            if (!records.isEmpty()) {
                ObjectNode last = records.get(records.size() - 1);
                fromId = last.path("id").asLong();
                from = order.positionAfter(last, lastRunComplete);
            }
            OrderedFetch fetch = new OrderedFetch(order, () -> filters.apply(listing)
                    .fields(projection), q -> compacted(context.client().list(spec.binding().resource(), q)));
            OrderedFetch.Batch batch = fetch.fetch(fromId, from, limit + 1 - records.size());
            records.addAll(batch.records());
            moreUpstream = batch.moreUpstream();
            lastRunComplete = batch.lastRunComplete();
        }
        return new Candidates(records, moreUpstream, lastRunComplete);
    }

    private List<ObjectNode> compacted(List<ObjectNode> rows) {
        List<ObjectNode> out = new ArrayList<>(rows.size());
        rows.forEach(row -> out.add(compactor.compact(row)));
        return out;
    }

    /** The position after each candidate: a value's run ends where the next candidate's value differs. */
    private static List<SortPosition> positions(ListOrder order, List<ObjectNode> candidates,
            boolean lastRunComplete) {
        List<SortPosition> positions = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            boolean runComplete = i + 1 < candidates.size()
                    ? !Objects.equals(order.valueOf(candidates.get(i)), order.valueOf(candidates.get(i + 1)))
                    : lastRunComplete;
            positions.add(order.positionAfter(candidates.get(i), runComplete));
        }
        return positions;
    }

    private ReadAhead.Key key(String digest, Fields projection, ListOrder order, long afterId,
            SortPosition sortedAfter) {
        return new ReadAhead.Key(spec.name(), digest, projection.toParam(), afterId,
                order.readAheadKey(sortedAfter));
    }

    /** A rendered page and how many of the offered records it holds. */
    private record Page(ToolOutcome outcome, int returned) {}

    /** Filters and projection: what a cursor pins. */
    private static ObjectNode listingArguments(ObjectNode arguments) {
        ObjectNode listing = arguments.deepCopy();
        PAGING_ARGUMENTS.forEach(listing::remove);
        return listing;
    }

    /**
     * The longest prefix of the candidates that fits the budget, found by bisection (a page only grows with its
     * records, so a few renders decide it instead of one per record); a first record too big on its own is trimmed
     * instead.
     */
    private Page fill(List<ObjectNode> candidates, boolean moreUpstream, Listed listing, boolean continued) {
        ResponseBudget budget = context.budget();
        int fitting = 0;
        int tooMany = candidates.size() + 1;
        while (tooMany - fitting > 1) {
            int k = (fitting + tooMany) >>> 1;
            boolean more = moreUpstream || k < candidates.size();
            // measured with the "page cut" sentence whenever more may follow, so the final text never grows
            if (budget.fits(render(candidates.subList(0, k), more, listing, List.of(), more, continued))) {
                fitting = k;
            } else {
                tooMany = k;
            }
        }
        if (fitting == 0 && !candidates.isEmpty()) {
            return new Page(single(candidates.get(0), moreUpstream || candidates.size() > 1, candidates.size() > 1,
                    listing, continued), 1);
        }
        List<ObjectNode> items = new ArrayList<>(candidates.subList(0, fitting));
        boolean cut = fitting < candidates.size();
        Rendering page = render(items, cut || moreUpstream, listing, List.of(), cut, continued);
        while (!budget.fits(page) && items.size() > 1) {
            items.remove(items.size() - 1); // belt and braces: the budget is a promise
            page = render(items, true, listing, List.of(), true, continued);
        }
        return new Page(ToolOutcome.success(page.structured(), page.text()), items.size());
    }

    /** A page holding one record that alone exceeds the budget: the record is trimmed and the note says how. */
    private ToolOutcome single(ObjectNode item, boolean more, boolean cut, Listed listing, boolean continued) {
        String label = spec.binding().entity() + " " + item.path("id").asString()
                + " trimmed to fit the response budget";
        Rendering page = SingleRecordFit.fit(item, context.budget(), (kept, trimNotes) -> render(List.of(kept), more,
                listing, trimNotes.isEmpty() ? List.of() : List.of(label + " (" + String.join("; ", trimNotes)
                        + "); choose what to see with fields."), cut, continued));
        return ToolOutcome.success(page.structured(), page.text());
    }

    private Rendering render(List<ObjectNode> items, boolean hasMore, Listed listing, List<String> notes, boolean cut,
            boolean continued) {
        CoupaBinding b = spec.binding();
        String cursor = hasMore && !items.isEmpty()
                ? context.cursors().encode(spec.name(), listing.arguments(),
                        items.get(items.size() - 1).path("id").asLong(), listing.positions().get(items.size() - 1))
                : null;
        ObjectNode structured = Json.object();
        ArrayNode array = structured.putArray("items");
        items.forEach(array::add);
        if (cursor != null) {
            structured.put("next_cursor", cursor);
        }
        ObjectNode summary = structured.putObject("summary");
        summary.put("count", items.size());
        summary.put("has_more", cursor != null);
        Map<String, BigDecimal> totals = sum(items, b.totals() == null ? null : b.totals().amount());
        Map<String, BigDecimal> due = sum(items, b.totals() == null ? null : b.totals().due());
        if (!totals.isEmpty()) {
            summary.set("totals", PageTotals.toJson(totals));
        }
        if (!due.isEmpty()) {
            summary.set("amount_due", PageTotals.toJson(due));
        }
        if (!notes.isEmpty()) {
            ArrayNode n = structured.putArray("notes");
            notes.forEach(n::add);
        }
        List<String> untrusted = b.freeText().present("items[]", items);
        if (!untrusted.isEmpty()) {
            ArrayNode u = structured.putArray("untrusted");
            untrusted.forEach(u::add);
        }
        return new Rendering(structured, text(items, totals, due, cursor, withUntrusted(notes, untrusted), cut,
                continued));
    }

    /** The text's notes, ending with which fields hold free text: said in the text too, where agents read. */
    static List<String> withUntrusted(List<String> notes, List<String> untrusted) {
        if (untrusted.isEmpty()) {
            return notes;
        }
        List<String> all = new ArrayList<>(notes);
        all.add(FreeText.note(untrusted));
        return all;
    }

    private Map<String, BigDecimal> sum(List<ObjectNode> items, String amountKey) {
        return amountKey == null ? Map.of() : PageTotals.sum(items, amountKey, spec.binding().totals().currency());
    }

    private String text(List<ObjectNode> items, Map<String, BigDecimal> totals, Map<String, BigDecimal> due,
            String cursor, List<String> notes, boolean cut, boolean continued) {
        CoupaBinding b = spec.binding();
        StringBuilder sb = new StringBuilder();
        if (items.isEmpty()) {
            sb.append(continued ? "No more " + b.entities() + "." : "No " + b.entities() + " match these filters.");
        } else {
            // a page is not the listing: agents otherwise quote a page's totals as the answer
            boolean partial = cursor != null || continued;
            sb.append(items.size()).append(' ').append(items.size() == 1 ? b.entity() : b.entities());
            if (partial) {
                sb.append(" on this page");
            }
            if (!totals.isEmpty()) {
                sb.append(partial ? " (totals of this page only, not of all matches: " : " (total ")
                        .append(PageTotals.describe(totals));
                if (!due.isEmpty()) {
                    sb.append("; due ").append(PageTotals.describe(due));
                }
                String summaryTool = b.totals().summaryTool();
                if (partial && summaryTool != null && context.tools().contains(summaryTool)) {
                    sb.append("; for all matches call ").append(summaryTool).append(" with the same filters");
                }
                sb.append(')');
            }
            sb.append('.');
            if (cut) {
                sb.append(" Page cut to fit the response budget.");
            }
            sb.append(cursor == null ? " That is all."
                    : " More: call " + spec.name() + " again with the same arguments and cursor=\"" + cursor
                            + "\".");
            for (ObjectNode item : items) {
                sb.append('\n').append(TextRenderer.line(item, b.line(), b.freeText()));
            }
        }
        notes.forEach(n -> sb.append("\nNote: ").append(n));
        return sb.toString();
    }
}
