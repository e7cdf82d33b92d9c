package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.ScanCoverage;
import io.github.coupamcp.coupa.scan.ScanEngine;
import io.github.coupamcp.coupa.scan.ScanIncompleteException;
import io.github.coupamcp.coupa.scan.ScanResult;
import io.github.coupamcp.json.Json;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generic duplicates tool: scans every record matching the filters through the {@link ScanEngine} into
 * {@link DuplicateFold} candidates and answers the best pairs ({@link DuplicatePairs}) with the count of all. The
 * candidates are cached per question of filters, so asking again with another window, number rule or top costs
 * nothing.
 */
final class DuplicatesToolHandler implements ToolHandler.WithProgress {
    static final int DEFAULT_WITHIN_DAYS = 30;

    private final ToolSpec spec;
    private final DuplicatesBlock block;
    private final ToolContext context;
    private final ScanEngine engine;

    DuplicatesToolHandler(ToolSpec spec, DuplicatesBlock block, ToolContext context) {
        this.spec = spec;
        this.block = block;
        this.context = context;
        this.engine = new ScanEngine(context.client());
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments, ToolProgress progress) {
        int within = arguments.path(DuplicatesKind.WITHIN_DAYS).asInt(DEFAULT_WITHIN_DAYS);
        boolean similarOnly = arguments.path(DuplicatesKind.SIMILAR_NUMBERS).asBoolean(false);
        int top = arguments.path(AggregateKind.TOP).asInt(AggregateToolHandler.DEFAULT_TOP);
        ObjectNode question = arguments.deepCopy();
        DuplicatesKind.ARGUMENTS.forEach(question::remove);
        ScanAnswers.Scanned<DuplicateFold.Candidates> scanned;
        try {
            scanned = ScanAnswers.cachedOrScan(context, spec.name(), question,
                    arguments.path(AggregateKind.FRESH).asBoolean(false), () -> {
                        ScanResult<DuplicateFold.Candidates> r = engine.scan(block.resource(),
                                QueryBuilder.withFilters(block.filters(), question).fields(block.fields()).build(),
                                new DuplicateFold(block.match()), ScanAnswers.options(context, progress,
                                        block.entities()));
                        return new ScanResult<>(DuplicateFold.prune(r.value()), r.coverage());
                    });
        } catch (ScanIncompleteException e) {
            return ToolOutcome.error(e.getMessage());
        }
        DuplicatePairs.Found found = DuplicatePairs.find(scanned.result().value(), within, similarOnly, top);
        String rule = rule(within, similarOnly);
        ToolOutcome answer = null;
        // pairs in many currencies with long numbers may not fit: fewer are shown, and the text says so
        for (int shown = found.top().size(); shown >= 0; shown--) {
            answer = render(found, shown, rule, scanned, found.top().size());
            if (shown == 0 || context.budget().fits(answer.structured(), answer.text())) {
                return answer;
            }
        }
        return answer;
    }

    private String rule(int within, boolean similarOnly) {
        return "same " + block.match().party().split("\\.")[0] + ", currency and total (zero totals excepted), "
                + block.match().date().replace('-', ' ') + "s at most " + within + (within == 1 ? " day" : " days")
                + " apart" + (similarOnly ? ", and similar numbers (" + InvoiceNumbers.Likeness.SAME.description
                        + ", the same digits, or two adjacent characters swapped)" : "");
    }

    private ToolOutcome render(DuplicatePairs.Found found, int shown, String rule,
            ScanAnswers.Scanned<DuplicateFold.Candidates> scanned, int fitting) {
        DuplicateFold.Candidates candidates = scanned.result().value();
        ScanCoverage coverage = scanned.result().coverage();
        List<DuplicatePairs.Pair> pairs = found.top().subList(0, shown);
        ObjectNode structured = Json.object();
        structured.put("rule", rule);
        structured.put("ranking", DuplicatePairs.RANKING);
        structured.put("pairs_found", found.count());
        structured.put("records_involved", found.records());
        ArrayNode items = structured.putArray("pairs");
        StringBuilder text = new StringBuilder();
        String party = block.match().party().split("\\.")[0];
        if (found.count() == 0) {
            text.append("No likely duplicate ").append(block.entities()).append(" among ").append(coverage.records())
                    .append(" scanned: none share ").append(rule.substring("same ".length())).append('.');
        } else {
            text.append(found.count()).append(found.count() == 1 ? " pair" : " pairs").append(" of likely duplicate ")
                    .append(block.entities()).append(" (").append(found.records()).append(' ').append(block.entities())
                    .append(") among ").append(coverage.records()).append(" scanned: ").append(rule).append('.');
            if (shown > 0) {
                text.append(" Top ").append(shown).append(", ").append(DuplicatePairs.RANKING).append(':');
            }
        }
        int rank = 1;
        for (DuplicatePairs.Pair p : pairs) {
            ObjectNode item = items.addObject();
            String name = candidates.partyNames.get(p.key().party());
            ObjectNode ref = item.putObject(party);
            ref.put("id", Long.parseLong(p.key().party()));
            if (name != null) {
                ref.put("name", name);
            }
            String amount = money(p.key().amount());
            item.put("total", amount);
            item.put("currency", p.key().currency());
            item.put("days_apart", p.daysApart());
            item.put("numbers", p.numbers().key());
            String why = "same " + party + ", currency and total; " + p.daysApart()
                    + (p.daysApart() == 1 ? " day" : " days") + " apart; numbers " + p.numbers().description;
            item.put("why", why);
            ArrayNode records = item.putArray(block.entities());
            for (DuplicateFold.Sighting s : List.of(p.first(), p.second())) {
                ObjectNode r = records.addObject();
                r.put("id", s.id());
                if (s.number() != null) {
                    r.put("number", s.number());
                }
                r.put("date", LocalDate.ofEpochDay(s.day()).toString());
            }
            text.append('\n').append(rank++).append(". ").append(name == null ? party + " " + p.key().party()
                    : name + " (" + p.key().party() + ")").append(", ").append(amount).append(' ')
                    .append(p.key().currency()).append(": ").append(describe(p.first())).append(" and ")
                    .append(describe(p.second())).append("; ").append(why.substring(why.indexOf("; ") + 2))
                    .append('.');
        }
        if (shown < fitting) {
            text.append("\nOnly ").append(shown).append(" of the top ").append(fitting)
                    .append(" fit the response budget; narrow the filters to see the others.");
        }
        structured.set("scan", ScanAnswers.coverage(coverage, scanned.cached()));
        text.append('\n').append(ScanAnswers.coverageText(coverage, scanned.cached()));
        if (candidates.skipped > 0) {
            text.append(' ').append(candidates.skipped).append(' ').append(block.entities())
                    .append(" without a ").append(party).append(", currency, date or non-zero total were not compared.");
        }
        String getTool = "get_" + block.entity().replace(' ', '_');
        if (found.count() > 0 && context.tools().contains(getTool)) {
            text.append(" Compare a pair with ").append(getTool).append(" on both ids.");
        }
        return ToolOutcome.success(structured, text.toString());
    }

    private String describe(DuplicateFold.Sighting s) {
        return block.entity() + " " + s.id() + (s.number() == null ? "" : " " + s.number()) + " of "
                + LocalDate.ofEpochDay(s.day());
    }

    /** At least two decimals, as Coupa writes money. */
    private static String money(BigDecimal amount) {
        return (amount.scale() < 2 ? amount.setScale(2) : amount).toPlainString();
    }
}
