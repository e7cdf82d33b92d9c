package io.github.coupamcp.testing;

import java.util.Iterator;
import java.util.function.Consumer;

/**
 * The most pages a paging loop in a test may take. A listing that stops advancing (a cursor or keyset filter that
 * repeats a page) then fails the test with a message instead of looping until the build is killed.
 */
public final class PageBound {
    private final String listing;
    private final int maxPages;
    private int pages;

    private PageBound(String listing, int maxPages) {
        this.listing = listing;
        this.maxPages = maxPages;
    }

    /**
     * Room for {@code records} records at up to {@code pageSize} a page: ceil(records / pageSize), one empty last
     * page when the count is a multiple of the page size, and one to spare.
     */
    public static PageBound forRecords(String listing, long records, int pageSize) {
        return of(listing, Math.toIntExact((records + pageSize - 1) / pageSize + 2));
    }

    public static PageBound of(String listing, int maxPages) {
        return new PageBound(listing, maxPages);
    }

    /** Counts one more page; fails once the listing has taken more pages than it can. */
    public void count() {
        if (++pages > maxPages) {
            throw new AssertionError(listing + " took more than " + maxPages
                    + " pages: the listing does not advance (a page repeats records or the keyset filter is lost)");
        }
    }

    /** Pages counted so far. */
    public int pages() {
        return pages;
    }

    /** {@link Iterator#forEachRemaining}, counting each page. */
    public <T> void forEachRemaining(Iterator<T> pager, Consumer<? super T> action) {
        while (pager.hasNext()) {
            count();
            action.accept(pager.next());
        }
    }
}
