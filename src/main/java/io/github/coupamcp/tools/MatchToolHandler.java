package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
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
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import tools.jackson.databind.node.ObjectNode;

/**
 * Three-way match over the purchase orders the arguments select, in two steps under one request budget and deadline:
 * the orders with their lines (what was ordered, priced and received) through the {@link ScanEngine}, then the
 * invoices billing them, 50 PO numbers per request ({@link MatchInvoices}). Costs the order scan plus about one
 * request per 50 orders (more where they have over 50 invoices), never one per line. The result is kept in the
 * {@link AnswerCache} like an aggregate's, so another {@code top} costs nothing.
 */
final class MatchToolHandler implements ToolHandler.WithProgress {
    static final int DEFAULT_TOP = 5;
    /** Exceptions kept per type: the largest {@code top} may ask for. */
    static final int KEEP = 25;
    static final int BATCH = MatchInvoices.BATCH;
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
            throw new Refused(ToolOutcome.Failure.FAILED, String.format(Locale.ROOT,
                    "Checking %d %s would take at least %d upstream requests (%d for the orders, at least one per "
                            + "%d orders for their invoices), over the budget of %d. Narrow the selection (one "
                            + "supplier, a shorter created_from/created_before range) and ask again.",
                    orders.poNumbers.size(), block.entities(), requests + batches.size(), requests, BATCH,
                    limits.maxRequests()));
        }
        Duration left = limits.deadline().minusNanos(System.nanoTime() - start);
        MatchInvoices step = new MatchInvoices(context.client(), limits, limits.maxRequests() - requests, left);
        int total = orders.poNumbers.size();
        MatchInvoices.Checked checked = new MatchInvoices.Checked();
        if (!batches.isEmpty()) {
            if (left.isNegative() || left.isZero()) {
                throw stopped(ScanIncompleteException.Reason.DEADLINE, limits, 0, total, requests);
            }
            long ordersScan = requests;
            try {
                checked = step.check(batches, orders, tolerance, n -> progress.report(
                        round(ORDERS_SHARE + (100 - ORDERS_SHARE) * n / total), 100, "checked the invoices of " + n
                                + " of " + total + " " + block.entities() + " in " + (ordersScan + step.requests())
                                + " Coupa requests"));
            } catch (MatchInvoices.Stopped e) {
                throw stopped(e.reason, limits, e.ordersChecked, total, ordersScan + e.requests);
            }
            requests += step.requests();
        }
        progress.report(100, 100, "checked the invoices of " + total + " " + block.entities() + " in " + requests
                + " Coupa requests");
        ScanCoverage coverage = new ScanCoverage(records + checked.records, requests, partitions + checked.partitions,
                steals + checked.steals, Duration.ofNanos(System.nanoTime() - start), asOf, 1.0);
        return new Result(total, orders.lines.size(), checked.invoices.size(), checked.invoiceLines,
                checked.overBilled, checked.notReceived, checked.priceVariance, coverage);
    }

    private Refused stopped(ScanIncompleteException.Reason reason, ScanOptions limits, int checked, int total,
            long requests) {
        String why = switch (reason) {
            case REQUEST_BUDGET -> "would exceed its budget of " + limits.maxRequests() + " upstream requests";
            case DEADLINE -> "ran past its deadline of " + limits.deadline().toSeconds() + " s";
            case CANCELLED -> "was cancelled";
        };
        int rest = total - checked;
        return new Refused(ToolOutcome.Failure.FAILED, "The three-way match " + why + ": it checked the invoices of "
                + checked + " of " + total + " " + block.entities() + " in " + requests + " upstream requests"
                + (reason == ScanIncompleteException.Reason.CANCELLED ? "." : "; the other " + rest
                        + " need at least " + ((rest + BATCH - 1) / BATCH) + " more. Narrow the selection (one "
                        + "supplier, a shorter created_from/created_before range) and ask again."));
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
