package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.coupa.scan.ScanCoverage;
import io.github.coupamcp.coupa.scan.ScanEngine;
import io.github.coupamcp.coupa.scan.ScanIncompleteException;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.coupa.scan.ScanResult;
import io.github.coupamcp.shape.CursorCodec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * Three-way match over the purchase orders the arguments select. Two steps through the {@link ScanEngine}, under one
 * request budget and deadline: the orders with their lines (what was ordered, priced and received), then, per batch
 * of 50 PO numbers, the invoices billing them ({@code invoice-lines[po-number][in]}, voided and abandoned left out
 * by Coupa), folded per PO line and checked once the batch is complete. A batch is paged by one worker: it rarely
 * holds more than a page, and splitting it would cost more requests than it saves. Costs the orders' scan plus about
 * one request per 50 orders (more where they have over 50 invoices), never one per line. The result is kept in the {@link AnswerCache} like an aggregate's.
 */
final class MatchToolHandler implements ToolHandler {
    static final int DEFAULT_TOP = 5;
    /** Exceptions kept per type: the largest {@code top} may ask for. */
    static final int KEEP = 25;
    /** PO numbers per invoice request: one page's worth, and a URL well within limits. */
    static final int BATCH = CoupaQuery.MAX_LIMIT;
    static final String INVOICES = "invoices";
    static final List<String> NOT_BILLING = List.of("voided", "abandoned");
    /** Share of the progress bar the order scan takes; the invoice batches take the rest. */
    private static final double ORDERS_SHARE = 20;

    private final ToolSpec spec;
    private final MatchBlock block;
    private final ToolContext context;
    private final ScanEngine engine;

    MatchToolHandler(ToolSpec spec, MatchBlock block, ToolContext context) {
        this.spec = spec;
        this.block = block;
        this.context = context;
        this.engine = new ScanEngine(context.client());
    }

    /** A finished match: what was compared, the exceptions per type and what the scans covered. */
    record Result(int purchaseOrders, int poLines, int invoices, long invoiceLines, MatchTally overBilled,
            MatchTally notReceived, MatchTally priceVariance, ScanCoverage coverage) {}

    /** The match could not finish; the message says why and what to do. */
    private static final class Refused extends RuntimeException {
        final ToolOutcome.Failure failure;

        Refused(ToolOutcome.Failure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments) {
        return handle(arguments, ToolProgress.NONE);
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments, ToolProgress progress) {
        checkSelection(arguments);
        BigDecimal tolerance = arguments.has(MatchKind.TOLERANCE)
                ? arguments.get(MatchKind.TOLERANCE).decimalValue() : BigDecimal.ZERO;
        int top = arguments.path(MatchKind.TOP).asInt(DEFAULT_TOP);
        ObjectNode question = arguments.deepCopy();
        question.remove(List.of(MatchKind.TOP, MatchKind.FRESH));
        question.put(MatchKind.TOLERANCE, tolerance.stripTrailingZeros().toPlainString());
        String key = spec.name() + ":" + CursorCodec.digest(question);
        Result result = arguments.path(MatchKind.FRESH).asBoolean(false) ? null
                : context.answers().get(key, Result.class).orElse(null);
        boolean cached = result != null;
        if (!cached) {
            try {
                result = match(arguments, tolerance, progress);
            } catch (Refused e) {
                return ToolOutcome.error(e.failure, e.getMessage());
            } catch (ScanIncompleteException e) {
                return ToolOutcome.error(e.getMessage());
            }
            context.answers().put(key, result);
        }
        String selection = selection(arguments);
        ToolOutcome answer = null;
        for (int shown = top; shown >= 1; shown--) {
            answer = new MatchAnswer(selection, tolerance, shown, shown < top ? top : 0).render(result, cached);
            if (context.budget().fits(answer.structured(), answer.text())) {
                return answer;
            }
        }
        return answer;
    }

    /** One order by a single selector, or orders by the others: never both, never nothing. */
    private void checkSelection(ObjectNode arguments) {
        List<String> single = block.single().stream().filter(arguments::has).toList();
        List<String> others = block.filters().keySet().stream()
                .filter(a -> arguments.has(a) && !block.single().contains(a)).toList();
        if (single.size() > 1) {
            throw new InvalidArgumentsException(String.join(" and ", single) + " each select one purchase order: "
                    + "give only one of them");
        }
        if (!single.isEmpty() && !others.isEmpty()) {
            throw new InvalidArgumentsException(single.get(0) + " selects one purchase order: drop "
                    + String.join(", ", others) + ", or drop " + single.get(0) + " to check several orders");
        }
        if (single.isEmpty() && others.isEmpty()) {
            throw new InvalidArgumentsException("say which purchase orders to check: "
                    + String.join(" or ", block.single()) + " for one, or "
                    + String.join(", ", block.filters().keySet().stream()
                            .filter(a -> !block.single().contains(a)).toList())
                    + " for several (e.g. a supplier's orders created this year)");
        }
    }

    private Result match(ObjectNode arguments, BigDecimal tolerance, ToolProgress progress) {
        Instant asOf = Instant.now();
        long start = System.nanoTime();
        ScanOptions limits = context.scanOptions();
        CoupaQuery orderQuery = QueryBuilder.withFilters(block.filters(), arguments).fields(MatchOrders.FIELDS)
                .build();
        ScanResult<MatchOrders.Orders> scanned = engine.scan(block.resource(), orderQuery, new MatchOrders(),
                limits.withProgress(p -> progress.report(round(p.fractionCovered() * ORDERS_SHARE), 100,
                        "scanned " + p.records() + " " + block.entities() + " in " + p.upstreamRequests()
                                + " Coupa requests")));
        MatchOrders.Orders orders = scanned.value();
        if (orders.poNumbers.isEmpty() && block.single().stream().anyMatch(arguments::has)) {
            String by = block.single().stream().filter(arguments::has).findFirst().orElseThrow();
            throw new Refused(ToolOutcome.Failure.NOT_FOUND, "No " + block.entity() + " with " + by + " "
                    + arguments.get(by) + ". Find it with " + block.listTool() + ".");
        }
        List<List<String>> batches = batches(orders.poNumbers);
        long requests = scanned.coverage().upstreamRequests();
        long records = scanned.coverage().records();
        int partitions = scanned.coverage().partitions();
        int steals = scanned.coverage().steals();
        if (requests + batches.size() > limits.maxRequests()) {
            throw new Refused(ToolOutcome.Failure.FAILED, String.format(java.util.Locale.ROOT,
                    "Checking %d %s would take at least %d upstream requests (%d for the orders, at least one per "
                            + "%d orders for their invoices), over the budget of %d. Narrow the selection (one "
                            + "supplier, a shorter created_from/created_before range) and ask again.",
                    orders.poNumbers.size(), block.entities(), requests + batches.size(), requests, BATCH,
                    limits.maxRequests()));
        }
        MatchTally overBilled = new MatchTally(KEEP);
        MatchTally notReceived = new MatchTally(KEEP);
        MatchTally priceVariance = new MatchTally(KEEP);
        Set<Long> invoices = new HashSet<>();
        long invoiceLines = 0;
        int checked = 0;
        for (List<String> batch : batches) {
            Duration left = limits.deadline().minusNanos(System.nanoTime() - start);
            long budget = limits.maxRequests() - requests;
            ScanResult<MatchBilling.Billed> billed;
            try {
                if (left.isNegative() || left.isZero()) {
                    throw stopped("ran past its deadline of " + limits.deadline().toSeconds() + " s", checked,
                            orders, requests);
                }
                billed = engine.scan(INVOICES, invoiceQuery(batch), new MatchBilling(orders.lines,
                        new HashSet<>(batch), tolerance, KEEP), limits.withConcurrency(1).withMaxRequests(budget)
                        .withDeadline(left));
            } catch (ScanIncompleteException e) {
                String why = switch (e.reason()) {
                    case REQUEST_BUDGET -> "would exceed its budget of " + limits.maxRequests()
                            + " upstream requests";
                    case DEADLINE -> "ran past its deadline of " + limits.deadline().toSeconds() + " s";
                    case CANCELLED -> "was cancelled";
                };
                throw stopped(why, checked, orders, requests + e.coverage().upstreamRequests());
            }
            requests += billed.coverage().upstreamRequests();
            records += billed.coverage().records();
            partitions += billed.coverage().partitions();
            steals += billed.coverage().steals();
            MatchBilling.Billed b = billed.value();
            invoices.addAll(b.invoices);
            invoiceLines += b.invoiceLines;
            priceVariance.addAll(b.priceVariance);
            b.lines.forEach((lineId, billing) -> MatchRules.check(orders.lines.get(lineId), billing, overBilled,
                    notReceived));
            checked += batch.size();
            progress.report(round(ORDERS_SHARE + (100 - ORDERS_SHARE) * checked / orders.poNumbers.size()), 100,
                    "checked the invoices of " + checked + " of " + orders.poNumbers.size() + " "
                            + block.entities() + " in " + requests + " Coupa requests");
        }
        if (batches.isEmpty()) {
            progress.report(100, 100, "no " + block.entities() + " to check");
        }
        ScanCoverage coverage = new ScanCoverage(records, requests, partitions, steals,
                Duration.ofNanos(System.nanoTime() - start), asOf, 1.0);
        return new Result(orders.poNumbers.size(), orders.lines.size(), invoices.size(), invoiceLines, overBilled,
                notReceived, priceVariance, coverage);
    }

    private Refused stopped(String why, int checked, MatchOrders.Orders orders, long requests) {
        int rest = orders.poNumbers.size() - checked;
        return new Refused(ToolOutcome.Failure.FAILED, "The three-way match " + why + ": it checked the invoices of "
                + checked + " of " + orders.poNumbers.size() + " " + block.entities() + " in " + requests
                + " upstream requests; the other " + rest + " need at least " + ((rest + BATCH - 1) / BATCH)
                + " more. Narrow the selection (one supplier, a shorter created_from/created_before range) and ask "
                + "again.");
    }

    /** Invoices billing any line of these orders, except voided and abandoned ones. */
    private static CoupaQuery invoiceQuery(List<String> poNumbers) {
        CoupaQuery.Builder q = CoupaQuery.builder().fields(MatchBilling.FIELDS)
                .filter("status", Op.NOT_IN, NOT_BILLING);
        if (poNumbers.size() == 1) {
            q.filter("invoice-lines[po-number]", Op.EQ, poNumbers.get(0));
        } else {
            q.filter("invoice-lines[po-number]", Op.IN, poNumbers);
        }
        return q.build();
    }

    /** Distinct PO numbers in batches, sorted so equal selections make equal requests. */
    private static List<List<String>> batches(List<String> poNumbers) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(poNumbers));
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += BATCH) {
            batches.add(sorted.subList(i, Math.min(sorted.size(), i + BATCH)));
        }
        return batches;
    }

    /** How the arguments selected the orders, e.g. "purchase orders with supplier_id 12, created_from 2025-01-01". */
    private String selection(ObjectNode arguments) {
        List<String> parts = new ArrayList<>();
        block.filters().keySet().stream().filter(arguments::has)
                .forEach(a -> parts.add(a + " " + arguments.get(a).asString()));
        return block.entities() + " with " + String.join(", ", parts);
    }

    private static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }
}
