package io.github.coupamcp.coupa.scan;

/** A complete scan: the merged accumulator and what it covered. */
public record ScanResult<A>(A value, ScanCoverage coverage) {}
