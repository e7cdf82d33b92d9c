package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.scan.ScanCoverage;
import io.github.coupamcp.coupa.scan.ScanIncompleteException;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.PageTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generic aging tool: scans every record matching the filters (with the block's defaults for filters the caller left
 * out) and answers, as of a day (default today, UTC), count and amount per currency per bucket of days past the due
 * date, and the oldest past due; with {@code group_by}, the groups (e.g. suppliers) with the most past due. The answer
 * names the defaults it applied. Cached like every scan answer; another {@code top} reuses it.
 */
final class AgingToolHandler implements ToolHandler.WithProgress {
    private final ToolSpec spec;
    private final AgingBlock block;
    private final ToolContext context;
    private final ScanAnswers scans;
    private final String amountKey;
    private final String dueKey;

    AgingToolHandler(ToolSpec spec, AgingBlock block, ToolContext context) {
        this.spec = spec;
        this.block = block;
        this.context = context;
        this.scans = new ScanAnswers(context);
        this.amountKey = outputKey(block.amount());
        this.dueKey = outputKey(block.dueDate());
    }

    private static String outputKey(String path) {
        String[] parts = path.split("\\.");
        return parts[parts.length - 1].replace('-', '_');
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments, ToolProgress progress) {
        LocalDate asOf = arguments.has(AgingKind.AS_OF) ? LocalDate.parse(arguments.get(AgingKind.AS_OF).asString())
                : LocalDate.now(ZoneOffset.UTC);
        AggregateBlock.Dimension dimension = block.groupBy().get(arguments.path(AgingKind.GROUP_BY).asString(""));
        if (dimension == null && arguments.has(AgingKind.TOP)) {
            return ToolOutcome.error(AgingKind.TOP + " is the number of groups listed: pass it with "
                    + AgingKind.GROUP_BY + " (" + String.join(", ", block.groupBy().keySet()) + ").");
        }
        int top = arguments.path(AgingKind.TOP).asInt(AgingKind.DEFAULT_TOP);
        ObjectNode question = arguments.deepCopy();
        List.of(AgingKind.FRESH, AgingKind.TOP).forEach(question::remove);
        ObjectNode defaulted = Json.object();
        block.defaults().properties().forEach(e -> {
            if (!question.has(e.getKey())) {
                question.set(e.getKey(), e.getValue().deepCopy());
                defaulted.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        question.put(AgingKind.AS_OF, asOf.toString());
        CoupaQuery query = QueryBuilder.withFilters(block.filters(), question).fields(block.fields()).build();
        ScanAnswers.Scanned<AgingFold.Aging> scanned;
        try {
            scanned = scans.cached(spec.name(), question,
                    arguments.path(AgingKind.FRESH).asBoolean(false), () -> scans.scan(block.resource(), query,
                            new AgingFold(block, asOf, dimension), block.entities(), progress, 0, 1, null));
        } catch (ScanIncompleteException e) {
            return ToolOutcome.error(e.getMessage());
        }
        AgingFold.Aging aging = scanned.result().value();
        if (dimension == null) {
            return render(aging, asOf, defaulted, scanned.result().coverage(), scanned.cached(), null);
        }
        // many suppliers in many currencies may not fit: fewer are shown, the rest join other, and the text says so
        ToolOutcome answer = null;
        for (int shown = top; shown >= 1; shown--) {
            answer = render(aging, asOf, defaulted, scanned.result().coverage(), scanned.cached(),
                    new AgingGroups(block, dimension, amountKey, aging, shown, shown < top ? top : 0));
            if (context.budget().fits(answer.structured(), answer.text())) {
                return answer;
            }
        }
        return answer;
    }

    /** {@code groups}: the ranked groups asked for with group_by, or null. */
    private ToolOutcome render(AgingFold.Aging aging, LocalDate asOf, ObjectNode defaulted, ScanCoverage coverage,
            boolean cached, AgingGroups groups) {
        String basis = basis(asOf, defaulted);
        ObjectNode structured = Json.object();
        structured.put("as_of", asOf.toString());
        structured.put("basis", basis);
        if (!defaulted.isEmpty()) {
            structured.set("defaults_applied", defaulted);
        }
        structured.set("overall", tally(aging.overall));
        ArrayNode buckets = structured.putArray("buckets");
        for (GroupTally bucket : aging.buckets) {
            buckets.add(Json.object().put("bucket", bucket.key).setAll(tally(bucket)));
        }
        if (aging.undated.count > 0) {
            structured.set("no_" + dueKey, tally(aging.undated));
        }
        List<AgingFold.PastDue> oldest = aging.oldest.sorted();
        ArrayNode items = structured.putArray("oldest");
        for (AgingFold.PastDue p : oldest) {
            ObjectNode item = items.addObject().put("id", p.id());
            p.described().forEach((k, v) -> {
                if (v != null) {
                    item.put(k, v);
                }
            });
            item.put(dueKey, p.dueDate()).put("days_past_due", p.daysPastDue());
            if (p.amount() != null) {
                item.put(amountKey, p.amount().toPlainString());
            }
            if (p.currency() != null) {
                item.put("currency", p.currency());
            }
        }
        if (groups != null) {
            structured.set(groups.key(), groups.json());
        }
        structured.set("scan", ScanAnswers.coverage(coverage, cached));
        return ToolOutcome.success(structured, text(aging, asOf, oldest, basis, coverage, cached, groups));
    }

    private ObjectNode tally(GroupTally t) {
        ObjectNode node = Json.object().put("count", t.count);
        node.set(amountKey, PageTotals.toJson(t.sums.get(0)));
        return node;
    }

    /** What was counted and how, stated in every answer: the defaults it applied and the aging rule. */
    private String basis(LocalDate asOf, ObjectNode defaulted) {
        String due = dueKey.replace('_', ' ');
        StringBuilder sb = new StringBuilder("Days past due = " + asOf + " minus the " + due + "; the first bucket ("
                + block.buckets().labels().get(0) + ") is not yet past due.");
        if (!defaulted.isEmpty()) {
            sb.append(" Defaults applied (pass them to change):");
            defaulted.properties().forEach(e -> {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> values.add(v.asString()));
                } else {
                    values.add(e.getValue().asString());
                }
                sb.append(' ').append(e.getKey()).append('=').append(String.join(",", values)).append(';');
            });
            sb.setCharAt(sb.length() - 1, '.');
        }
        return sb.toString();
    }

    private String text(AgingFold.Aging aging, LocalDate asOf, List<AgingFold.PastDue> oldest, String basis,
            ScanCoverage coverage, boolean cached, AgingGroups groups) {
        StringBuilder sb = new StringBuilder();
        long n = aging.overall.count;
        if (n == 0) {
            sb.append("No ").append(block.entities()).append(" match these filters.");
        } else {
            sb.append("As of ").append(asOf).append(", ").append(n).append(' ').append(n == 1 ? block.entity() : block.entities()).append(" match")
                    .append(amount(aging.overall)).append('.');
            for (GroupTally bucket : aging.buckets) {
                sb.append('\n').append(bucket.key).append(": ").append(count(bucket.count))
                        .append(amount(bucket));
            }
            if (aging.undated.count > 0) {
                sb.append("\nNo ").append(dueKey.replace('_', ' ')).append(": ").append(count(aging.undated.count))
                        .append(amount(aging.undated));
            }
        }
        if (!oldest.isEmpty()) {
            sb.append("\nOldest past due:");
            int rank = 1;
            for (AgingFold.PastDue p : oldest) {
                sb.append('\n').append(rank++).append(". ");
                p.described().values().stream().filter(v -> v != null).forEach(v -> sb.append(v).append(", "));
                sb.append("id ").append(p.id()).append(", due ").append(p.dueDate()).append(", ")
                        .append(p.daysPastDue()).append(" days past due");
                if (p.amount() != null && p.currency() != null) {
                    sb.append(", ").append(amountKey.replace('_', ' ')).append(' ')
                            .append(p.amount().toPlainString()).append(' ').append(p.currency());
                }
            }
        }
        if (groups != null) {
            groups.text(sb);
        }
        sb.append('\n').append(basis);
        sb.append('\n').append(ScanAnswers.coverageText(coverage, cached));
        sb.append(" Amounts are per currency, never converted. List the ").append(block.entities()).append(" with ")
                .append(block.listTool()).append(" and the same filters (").append(dueKey)
                .append("_to picks a bucket's end).");
        return sb.toString();
    }

    private String count(long n) {
        return n + " " + (n == 1 ? block.entity() : block.entities());
    }

    private String amount(GroupTally t) {
        Map<String, BigDecimal> sums = t.sums.get(0);
        return sums.isEmpty() ? "" : "; " + amountKey.replace('_', ' ') + " " + PageTotals.describe(sums);
    }
}
