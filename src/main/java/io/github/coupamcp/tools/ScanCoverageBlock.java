package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.ScanCoverage;
import tools.jackson.databind.node.ObjectNode;

/** The coverage every scanned answer states (records, upstream requests, as-of, cache), as JSON and as a sentence. */
final class ScanCoverageBlock {
    private ScanCoverageBlock() {}

    /** Adds {@code scan} (the {@code scan_coverage} fragment) to an answer. */
    static void put(ObjectNode structured, ScanCoverage coverage, boolean cached) {
        ObjectNode scan = structured.putObject("scan");
        scan.put("records", coverage.records());
        scan.put("upstream_requests", coverage.upstreamRequests());
        scan.put("as_of", coverage.asOf().toString());
        scan.put("cached", cached);
        scan.put("elapsed_ms", coverage.elapsed().toMillis());
    }

    /** "Scanned 12 records in 1 upstream requests, as of …." plus how to scan again when cached. */
    static String sentence(ScanCoverage coverage, boolean cached) {
        return "Scanned " + coverage.records() + " records in " + coverage.upstreamRequests()
                + " upstream requests, as of " + coverage.asOf()
                + (cached ? " (cached answer; pass fresh=true to scan again)." : ".");
    }
}
