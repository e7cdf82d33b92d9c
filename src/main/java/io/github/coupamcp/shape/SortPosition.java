package io.github.coupamcp.shape;

/**
 * Where a listing ordered by a field other than id stopped, besides the last id: the sort value of the last record
 * returned ({@code null}: the listing had reached the records without a value, which come last, in id order) and
 * whether every record holding that value had been returned by then ({@code runComplete}; otherwise the next page
 * first continues that value in id order).
 */
public record SortPosition(String value, boolean runComplete) {
    /** In the records without a sort value. */
    public static final SortPosition NO_VALUE = new SortPosition(null, true);

    public boolean inNoValue() {
        return value == null;
    }
}
