package io.github.coupamcp.coupa.scan;

/**
 * How far a running scan got: records folded, upstream requests answered, and the fraction of the matches' id range
 * covered (0..1). Successive events of one scan never go backwards.
 */
public record ScanProgress(long records, long upstreamRequests, double fractionCovered) {}
