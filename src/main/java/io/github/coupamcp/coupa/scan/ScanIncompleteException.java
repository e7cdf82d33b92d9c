package io.github.coupamcp.coupa.scan;

import java.time.Duration;
import java.util.Locale;

/**
 * A scan stopped before covering every match, so it has no answer: never a silently truncated one. Says what it
 * covered and, where it can tell, what the whole scan would cost, so the caller can narrow the question.
 */
public class ScanIncompleteException extends RuntimeException {
    public enum Reason {
        /** The request budget ran out, or the estimate clearly exceeded it early on. */
        REQUEST_BUDGET,
        DEADLINE,
        CANCELLED
    }

    private final Reason reason;
    private final ScanCoverage coverage;
    private final long estimatedRequests;
    private final Duration estimatedDuration;

    public ScanIncompleteException(Reason reason, String resource, ScanCoverage coverage, long budget,
            Duration deadline, long estimatedRequests, Duration estimatedDuration) {
        super(message(reason, resource, coverage, budget, deadline, estimatedRequests, estimatedDuration));
        this.reason = reason;
        this.coverage = coverage;
        this.estimatedRequests = estimatedRequests;
        this.estimatedDuration = estimatedDuration;
    }

    public Reason reason() {
        return reason;
    }

    public ScanCoverage coverage() {
        return coverage;
    }

    /** Upstream requests the whole scan would take, or -1 when too little was covered to tell. */
    public long estimatedRequests() {
        return estimatedRequests;
    }

    /** Wall time the whole scan would take at this pace, or null when too little was covered to tell. */
    public Duration estimatedDuration() {
        return estimatedDuration;
    }

    private static String message(Reason reason, String resource, ScanCoverage c, long budget, Duration deadline,
            long estimatedRequests, Duration estimatedDuration) {
        String why = switch (reason) {
            case REQUEST_BUDGET -> "would exceed its budget of " + budget + " upstream requests";
            case DEADLINE -> "ran past its deadline of " + seconds(deadline);
            case CANCELLED -> "was cancelled";
        };
        StringBuilder m = new StringBuilder(String.format(Locale.ROOT,
                "The scan of %s %s: it covered %.0f%% of the matching id range (%d records, %d upstream requests, "
                        + "%.1f s)", resource, why, 100 * c.fractionCovered(), c.records(), c.upstreamRequests(),
                c.elapsed().toMillis() / 1000.0));
        if (estimatedRequests >= 0) {
            m.append(String.format(Locale.ROOT, "; the whole scan would take about %d requests", estimatedRequests));
            if (estimatedDuration != null) {
                m.append(" and ").append(seconds(estimatedDuration));
            }
        }
        if (reason != Reason.CANCELLED) {
            m.append(". Narrow the filters (a shorter date range, one supplier or status) and ask again.");
        } else {
            m.append('.');
        }
        return m.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
