package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.coupa.scan.Fold;
import io.github.coupamcp.coupa.scan.ScanCoverage;
import io.github.coupamcp.coupa.scan.ScanEngine;
import io.github.coupamcp.coupa.scan.ScanIncompleteException;
import io.github.coupamcp.coupa.scan.ScanResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * supplier_profile: the supplier, then four scans run concurrently (each through the {@link ScanEngine}, so all share
 * the client's rate limiter): open purchase orders, invoices of the last months by month, what is due, contracts.
 * Progress is reported on the call's thread as parts finish; interrupting the call cancels every scan. The whole
 * answer is cached like a summary (per supplier argument, months and day).
 */
final class SupplierProfileHandler implements ToolHandler.WithProgress {
    static final int DEFAULT_MONTHS = 12;
    /** Orders issued to the supplier and not closed or cancelled. */
    static final List<String> OPEN_ORDER_STATUSES = List.of("issued", "exported");
    static final int RECENT_ORDERS = 3;
    static final int CONTRACTS_SHOWN = 5;
    private static final int CANDIDATES_SHOWN = 5;

    private final ToolSpec spec;
    private final ProfileBlock block;
    private final ToolContext context;
    private final ScanEngine engine;
    private final Clock clock = Clock.systemUTC();

    SupplierProfileHandler(ToolSpec spec, ProfileBlock block, ToolContext context) {
        this.spec = spec;
        this.block = block;
        this.context = context;
        this.engine = new ScanEngine(context.client());
    }

    /** What the scans found, with the supplier and the first month covered. */
    record Profile(ObjectNode supplier, YearMonth from, YearMonth to, LocalDate today, PickFold.Picked orders,
            SummaryFold.Tallies invoices, SummaryFold.Tallies due, PickFold.Picked contracts) {}

    /** The scope contracts need; without it the profile answers without contracts and says so. */
    static final String CONTRACT_SCOPE = "core.contract.read";

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    @Override
    public Long subjectId(ObjectNode arguments) {
        return arguments.has(ProfileKind.SUPPLIER_ID) ? arguments.get(ProfileKind.SUPPLIER_ID).asLong() : null;
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments, ToolProgress progress) {
        if (arguments.has(ProfileKind.SUPPLIER_ID) == arguments.has(ProfileKind.SUPPLIER_NAME)) {
            throw new InvalidArgumentsException("give either supplier_id or supplier_name (one of them)");
        }
        int months = arguments.path(ProfileKind.MONTHS).asInt(DEFAULT_MONTHS);
        LocalDate today = LocalDate.now(clock);
        ObjectNode question = arguments.deepCopy();
        question.remove(AggregateKind.FRESH);
        question.put("today", today.toString());
        ScanAnswers.Scanned<Profile> scanned;
        try {
            scanned = ScanAnswers.cachedOrScan(context, spec.name(), question,
                    arguments.path(AggregateKind.FRESH).asBoolean(false),
                    () -> profile(arguments, months, today, progress));
        } catch (ScanIncompleteException e) {
            return ToolOutcome.error("A part of the profile could not be completed: " + e.getMessage());
        } catch (Cancelled e) {
            return ToolOutcome.error(spec.name() + " was cancelled before it finished.");
        }
        return SupplierProfileAnswer.render(scanned.result().value(), scanned.result().coverage(),
                scanned.cached());
    }

    private ScanResult<Profile> profile(ObjectNode arguments, int months, LocalDate today, ToolProgress progress) {
        Instant asOf = Instant.now(clock);
        long start = System.nanoTime();
        AtomicLong lookups = new AtomicLong();
        ObjectNode supplier = supplier(arguments, lookups);
        String id = supplier.get("id").asString();
        YearMonth to = YearMonth.from(today);
        YearMonth from = to.minusMonths(months - 1L);

        CoupaQuery orders = CoupaQuery.builder().eq("supplier[id]", id)
                .filter("status", Op.IN, OPEN_ORDER_STATUSES)
                .fields(Fields.parse("[\"id\",\"po-number\",\"status\",\"created-at\",{\"currency\":[\"code\"]},"
                        + "{\"order-lines\":[\"total\"]}]")).build();
        // voided and abandoned invoices were never bills: counting them would inflate a supplier's monthly billing
        CoupaQuery invoices = CoupaQuery.builder().eq("supplier[id]", id)
                .filter("invoice-date", Op.GT_OR_EQ, from.atDay(1).toString())
                .filter("status", Op.NOT_IN, MatchInvoices.NOT_BILLING)
                .fields(Fields.parse("[\"id\",\"invoice-date\",\"total-with-taxes\",{\"currency\":[\"code\"]}]"))
                .build();
        CoupaQuery due = CoupaQuery.builder().eq("supplier[id]", id).eq("paid", "false")
                .filter("status", Op.IN, block.owedStatuses())
                .fields(Fields.parse("[\"id\",\"amount-due\",{\"currency\":[\"code\"]}]")).build();
        CoupaQuery contracts = CoupaQuery.builder().eq("supplier[id]", id)
                .fields(Fields.parse("[\"id\",\"name\",\"number\",\"status\",\"end-date\",{\"currency\":[\"code\"]}]"))
                .build();
        String todayText = today.toString();
        Comparator<ObjectNode> newestFirst = Comparator.<ObjectNode, String>comparing(r -> r.path("created-at")
                .asString("")).reversed().thenComparing(Comparator.<ObjectNode>comparingLong(r -> r.get("id")
                .asLong()).reversed());
        Comparator<ObjectNode> soonestEnd = Comparator.<ObjectNode, String>comparing(r -> endDate(r) == null
                ? "9999" : endDate(r)).thenComparingLong(r -> r.get("id").asLong());

        List<Part<?>> parts = List.of(
                new Part<>("open purchase orders", "purchase_orders", orders, new PickFold(tally("purchase orders",
                        Map.of("totals", "order-lines.total"), false), r -> true, newestFirst, RECENT_ORDERS)),
                new Part<>("invoices by month", "invoices", invoices, tally("invoices",
                        Map.of("totals", "total-with-taxes"), true)),
                new Part<>("amount due", "invoices", due, tally("invoices", Map.of("amount_due", "amount-due"), false)),
                new Part<>("contracts", "contracts", contracts, new PickFold(tally("contracts", Map.of(), false),
                        r -> endDate(r) == null || endDate(r).compareTo(todayText) >= 0, soonestEnd,
                        CONTRACTS_SHOWN), true));
        List<ScanResult<?>> results = runConcurrently(parts, progress);
        long records = 0;
        long requests = lookups.get();
        int partitions = 0;
        int steals = 0;
        for (ScanResult<?> r : results) {
            if (r == null) {
                continue; // an optional part the OAuth client may not read
            }
            records += r.coverage().records();
            requests += r.coverage().upstreamRequests();
            partitions += r.coverage().partitions();
            steals += r.coverage().steals();
        }
        Profile profile = new Profile(supplier, from, to, today, (PickFold.Picked) results.get(0).value(),
                (SummaryFold.Tallies) results.get(1).value(), (SummaryFold.Tallies) results.get(2).value(),
                results.get(3) == null ? null : (PickFold.Picked) results.get(3).value());
        return new ScanResult<>(profile, new ScanCoverage(records, requests, partitions, steals,
                Duration.ofNanos(System.nanoTime() - start), asOf, 1.0));
    }

    /** One scan of the profile; an optional one the OAuth client may not be allowed to read (403) is left out. */
    private record Part<A>(String what, String resource, CoupaQuery query, Fold<A> fold, boolean optional) {
        Part(String what, String resource, CoupaQuery query, Fold<A> fold) {
            this(what, resource, query, fold, false);
        }
    }

    /** Runs every part on its own thread; reports each finished part; the first failure cancels the others. */
    private List<ScanResult<?>> runConcurrently(List<Part<?>> parts, ToolProgress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(parts.size(), r -> {
            Thread t = new Thread(r, "coupa-profile");
            t.setDaemon(true);
            return t;
        });
        try {
            ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            List<ScanResult<?>> results = new ArrayList<>(java.util.Collections.nCopies(parts.size(), null));
            for (int i = 0; i < parts.size(); i++) {
                int index = i;
                Part<?> part = parts.get(i);
                done.submit(() -> {
                    results.set(index, scan(part));
                    return index;
                });
            }
            for (int finished = 1; finished <= parts.size(); finished++) {
                int index;
                try {
                    index = done.take().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Cancelled();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
                ScanResult<?> result = results.get(index);
                progress.report(finished, parts.size(), "read " + parts.get(index).what() + (result == null
                        ? " (not allowed)" : " (" + result.coverage().upstreamRequests() + " Coupa requests)"));
            }
            return results;
        } finally {
            pool.shutdownNow(); // after a failure or cancellation: interrupts the scans still running
        }
    }

    private <A> ScanResult<A> scan(Part<A> part) {
        try {
            return engine.scan(part.resource(), part.query(), part.fold(), context.scanOptions());
        } catch (CoupaException.Forbidden e) {
            if (part.optional()) {
                return null;
            }
            throw e;
        }
    }

    /** A tally of one resource's records per currency; by invoice month when asked. */
    private static SummaryFold tally(String entities, Map<String, String> amounts, boolean byMonth) {
        AggregateBlock.Dimension dimension = byMonth ? new AggregateBlock.Dimension("month", "invoice-date", null, true)
                : new AggregateBlock.Dimension("currency", "currency.code", null, false);
        AggregateBlock b = new AggregateBlock(entities.replace(' ', '_'), "", entities, entities, "", Map.of(),
                List.of(), Fields.of("id"), "currency.code", new LinkedHashMap<>(amounts),
                Map.of(dimension.name(), dimension));
        return new SummaryFold(b, dimension);
    }

    /** The supplier by id, or by name: exact first, then the one whose name contains it. */
    private ObjectNode supplier(ObjectNode arguments, AtomicLong lookups) {
        if (arguments.has(ProfileKind.SUPPLIER_ID)) {
            lookups.incrementAndGet();
            return context.client().get(block.resource(), arguments.get(ProfileKind.SUPPLIER_ID).asLong(),
                    block.fields());
        }
        String name = arguments.get(ProfileKind.SUPPLIER_NAME).asString().strip();
        lookups.incrementAndGet();
        List<ObjectNode> exact = context.client().list(block.resource(), CoupaQuery.builder().eq("name", name)
                .fields(block.fields()).orderBy("id", CoupaQuery.Direction.ASC).limit(2).build());
        if (exact.size() == 1) {
            return exact.get(0);
        }
        List<ObjectNode> like = exact;
        if (exact.isEmpty()) {
            lookups.incrementAndGet();
            like = context.client().list(block.resource(), CoupaQuery.builder().filter("name", Op.CONTAINS, name)
                    .fields(block.fields()).orderBy("id", CoupaQuery.Direction.ASC).limit(CANDIDATES_SHOWN + 1)
                    .build());
        }
        if (like.isEmpty()) {
            throw new InvalidArgumentsException("no supplier's name contains '" + name + "'; find it with "
                    + block.listTool() + " (supplier_name is matched exactly, then as part of the name)");
        }
        if (like.size() > 1) {
            List<String> names = like.stream().limit(CANDIDATES_SHOWN).map(s -> s.path("name").asString() + " (id "
                    + s.get("id").asLong() + ")").toList();
            throw new InvalidArgumentsException("supplier_name '" + name + "' matches several suppliers: "
                    + String.join(", ", names) + (like.size() > CANDIDATES_SHOWN ? " and more" : "")
                    + "; pass supplier_id (or the exact name) of the one you mean");
        }
        return like.get(0);
    }

    static String endDate(JsonNode contract) {
        String end = contract.path("end-date").asString(null);
        return end == null || end.length() < 10 ? null : end.substring(0, 10);
    }
}
