package io.github.coupamcp.coupa.scan;

import java.time.Duration;
import java.time.Instant;

/**
 * What a scan covered: records folded, upstream list requests made, id-range partitions paged (including those
 * split off by work stealing), steals, wall time, the time the scan started (its answer is as of then, give or take
 * changes made while it ran) and the fraction of the matches' id range covered (1 for a complete scan).
 */
public record ScanCoverage(long records, long upstreamRequests, int partitions, int steals, Duration elapsed,
        Instant asOf, double fractionCovered) {}
