package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.scan.Fold;
import io.github.coupamcp.coupa.scan.ScanCoverage;
import io.github.coupamcp.coupa.scan.ScanEngine;
import io.github.coupamcp.coupa.scan.ScanIncompleteException;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.coupa.scan.ScanResult;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.CursorCodec;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every scanning tool shares: scans through the {@link ScanEngine} with progress, answers from the connection's
 * {@link AnswerCache} when an equal question was asked recently ({@code fresh} bypasses it), and states what an answer
 * covered (the {@code scan} block and its sentence).
 */
final class ScanAnswers {
    /** A finished scan and whether it came from the cache. */
    record Scanned<A>(ScanResult<A> result, boolean cached) {}

    private final ToolContext context;
    private final ScanEngine engine;

    ScanAnswers(ToolContext context) {
        this.context = context;
        this.engine = new ScanEngine(context.client());
    }

    /**
     * The cached result of an equal question ({@code tool} and the canonical {@code question}) unless {@code fresh},
     * else {@code scan}'s, then cached.
     */
    static <A> Scanned<A> cachedOrScan(ToolContext context, String tool, ObjectNode question, boolean fresh,
            Supplier<ScanResult<A>> scan) {
        String key = tool + ":" + CursorCodec.digest(question);
        if (!fresh) {
            @SuppressWarnings("unchecked")
            ScanResult<A> cached = context.answers().get(key, ScanResult.class).orElse(null);
            if (cached != null) {
                return new Scanned<>(cached, true);
            }
        }
        ScanResult<A> result = scan.get();
        context.answers().put(key, result);
        return new Scanned<>(result, false);
    }

    /** {@link #cachedOrScan} on this instance's context. */
    <A> Scanned<A> cached(String tool, ObjectNode question, boolean fresh, Supplier<ScanResult<A>> scan) {
        return cachedOrScan(context, tool, question, fresh, scan);
    }

    /** The context's scan options, reporting progress as a percentage of the matches' id range covered. */
    static ScanOptions options(ToolContext context, ToolProgress progress, String entities) {
        return withProgress(context.scanOptions(), progress, entities, 0, 1);
    }

    /** {@code options} reporting progress as part {@code part} of {@code parts} sequential scans of one answer. */
    private static ScanOptions withProgress(ScanOptions options, ToolProgress progress, String entities, int part,
            int parts) {
        return options.withProgress(p -> progress.report(
                Math.round((part + p.fractionCovered()) / parts * 1000) / 10.0, 100, "scanned " + p.records() + " "
                        + entities + " in " + p.upstreamRequests() + " Coupa requests"));
    }

    /**
     * Scans one resource, reporting progress as part {@code part} of {@code parts} sequential scans of one answer,
     * so that progress never goes backwards from one scan to the next. {@code spent} is what the earlier scans of the
     * answer cost (null for the first): the request budget and the deadline hold for the whole answer, not per scan.
     */
    <A> ScanResult<A> scan(String resource, CoupaQuery query, Fold<A> fold, String entities, ToolProgress progress,
            int part, int parts, ScanCoverage spent) {
        ScanOptions options = context.scanOptions();
        if (spent != null) {
            long requests = options.maxRequests() - spent.upstreamRequests();
            Duration time = options.deadline().minus(spent.elapsed());
            if (requests < 1 || time.isNegative() || time.isZero()) {
                throw new ScanIncompleteException(requests < 1 ? ScanIncompleteException.Reason.REQUEST_BUDGET
                        : ScanIncompleteException.Reason.DEADLINE, resource, new ScanCoverage(spent.records(),
                        spent.upstreamRequests(), spent.partitions(), spent.steals(), spent.elapsed(), spent.asOf(),
                        0), options.maxRequests(), options.deadline(), -1, null);
            }
            options = options.withMaxRequests(requests).withDeadline(time);
        }
        return engine.scan(resource, query, fold, withProgress(options, progress, entities, part, parts));
    }

    /** What several sequential scans of one answer covered together; as of the first's start. */
    static ScanCoverage combined(List<ScanCoverage> parts) {
        ScanCoverage first = parts.get(0);
        long records = 0;
        long requests = 0;
        int partitions = 0;
        int steals = 0;
        Duration elapsed = Duration.ZERO;
        double covered = 1;
        for (ScanCoverage c : parts) {
            records += c.records();
            requests += c.upstreamRequests();
            partitions += c.partitions();
            steals += c.steals();
            elapsed = elapsed.plus(c.elapsed());
            covered = Math.min(covered, c.fractionCovered());
        }
        return new ScanCoverage(records, requests, partitions, steals, elapsed, first.asOf(), covered);
    }

    /** The {@code scan} block of an answer. */
    static ObjectNode coverage(ScanCoverage coverage, boolean cached) {
        ObjectNode scan = Json.object();
        scan.put("records", coverage.records());
        scan.put("upstream_requests", coverage.upstreamRequests());
        scan.put("as_of", coverage.asOf().toString());
        scan.put("cached", cached);
        scan.put("elapsed_ms", coverage.elapsed().toMillis());
        return scan;
    }

    /** "Scanned 300 records in 7 upstream requests, as of ...", ending with a period. */
    static String coverageText(ScanCoverage coverage, boolean cached) {
        return "Scanned " + coverage.records() + " records in " + coverage.upstreamRequests()
                + " upstream requests, as of " + coverage.asOf()
                + (cached ? " (cached answer; pass fresh=true to scan again)." : ".");
    }
}
