package io.github.coupamcp.coupa.scan;

/**
 * One id range {@code (last, hi]} still to page, owned by one worker. A thief may lower {@code hi} (and takes the
 * ids above it), the owner advances {@code last}; both under this object's lock, so each id belongs to exactly one
 * partition at any time.
 */
final class Partition {
    /** Exclusive lower end the partition started from. */
    final long start;
    private long last;
    private long hi;
    private long pages;
    /** Ids the latest full page spanned: the local density, which guides whether splitting pays. */
    private long pageSpan;

    Partition(long start, long hi) {
        this.start = start;
        this.last = start;
        this.hi = hi;
    }

    synchronized long last() {
        return last;
    }

    synchronized long hi() {
        return hi;
    }

    synchronized long remaining() {
        return hi - last;
    }

    /** Ids between where it started and its upper end. */
    synchronized long width() {
        return hi - start;
    }

    synchronized long pages() {
        return pages;
    }

    /**
     * Takes in a page fetched after {@code last}: returns how many of its leading records (ids ascending) are still
     * this partition's, and advances {@code last} past them, to {@code hi} when the partition is done. {@code ids}
     * are the page's ids, {@code full} whether the page was as long as the limit.
     */
    synchronized Taken take(long[] ids, boolean full) {
        pages++;
        int keep = 0;
        while (keep < ids.length && ids[keep] <= hi) {
            keep++;
        }
        boolean done = !full || keep < ids.length || (keep > 0 && ids[keep - 1] == hi);
        long before = last;
        last = done ? hi : ids[keep - 1];
        if (!done) {
            pageSpan = last - before;
        }
        return new Taken(keep, done, last - before);
    }

    /**
     * Splits off the upper half of what is left, or null when that is expected to hold less than {@code minPages}
     * pages (at the density of the latest page): the owner's next page would then reach into the half taken. Never
     * before the first page: until then the density is unknown, and splitting blind cut small sets into slivers
     * that each cost a request.
     */
    synchronized Partition splitUpperHalf(int minPages) {
        long left = hi - last;
        if (pages == 0 || left < Math.max(2, 2L * minPages * pageSpan)) {
            return null;
        }
        long mid = last + left / 2;
        Partition upper = new Partition(mid, hi);
        hi = mid;
        return upper;
    }

    /**
     * Requests this partition would take in all, extrapolated from its pages so far over the ids it covered; -1
     * before its first page.
     */
    synchronized double estimatedPages() {
        long covered = last - start;
        if (pages == 0 || covered <= 0) {
            return pages == 0 ? -1 : pages + 1;
        }
        return pages * (double) (hi - start) / covered;
    }

    record Taken(int keep, boolean done, long idsCovered) {}
}
