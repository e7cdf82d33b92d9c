package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.ScanCoverage;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.coupa.scan.ScanResult;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.CursorCodec;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every answer built on scans shares: the connection's {@link AnswerCache} in front of the scan (an equal
 * question within its TTL is answered from the last scan, {@code fresh} scans again), progress while scanning, and
 * the statement of what the answer covered, in structured content and in text.
 */
final class ScanAnswers {
    private ScanAnswers() {}

    /** A finished scan and whether it came from the cache. */
    record Scanned<A>(ScanResult<A> result, boolean cached) {}

    /** The cached result of an equal question ({@code tool} and the canonical {@code question}), or a new scan. */
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

    /** The context's scan options, reporting progress as a percentage of the matches' id range covered. */
    static ScanOptions options(ToolContext context, ToolProgress progress, String entities) {
        return context.scanOptions().withProgress(p -> progress.report(Math.round(p.fractionCovered() * 1000) / 10.0,
                100, "scanned " + p.records() + " " + entities + " in " + p.upstreamRequests() + " Coupa requests"));
    }

    /** The {@code scan} object of an answer (fragment {@code scan_output}). */
    static ObjectNode coverage(ScanCoverage coverage, boolean cached) {
        ObjectNode scan = Json.object();
        scan.put("records", coverage.records());
        scan.put("upstream_requests", coverage.upstreamRequests());
        scan.put("as_of", coverage.asOf().toString());
        scan.put("cached", cached);
        scan.put("elapsed_ms", coverage.elapsed().toMillis());
        return scan;
    }

    /** "Scanned 300 records in 7 upstream requests, as of ... (cached answer; pass fresh=true to scan again)." */
    static String coverageSentence(ScanCoverage coverage, boolean cached) {
        return "Scanned " + coverage.records() + " records in " + coverage.upstreamRequests()
                + " upstream requests, as of " + coverage.asOf()
                + (cached ? " (cached answer; pass fresh=true to scan again)." : ".");
    }
}
