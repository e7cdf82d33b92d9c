package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import java.util.List;
import java.util.Map;

/**
 * The block of the {@code aggregate} kind: which records a scan reads (the filters of the resource's list tool, bound
 * the same way), what it projects, and how it folds them. Never published.
 *
 * @param filters  argument name to Coupa filter, shared with the list tool (same fragment)
 * @param fields   the projection each scanned page asks for: only what the fold reads
 * @param currency path of the currency code in a Coupa record, e.g. {@code currency.code}
 * @param amounts  output key to the path of an amount summed per currency, e.g. {@code totals → total-with-taxes}
 * @param groupBy  {@code group_by} value to the dimension it groups by, in the published enum's order
 */
public record AggregateBlock(
        String resource,
        String scope,
        String entity,
        String entities,
        String listTool,
        Map<String, FilterBinding> filters,
        List<List<String>> ranges,
        Fields fields,
        String currency,
        Map<String, String> amounts,
        Map<String, Dimension> groupBy,
        Map<String, String> notesWithout) implements KindBlock {

    /** A block without notes (the tallies other tools fold with this kind's fold). */
    public AggregateBlock(String resource, String scope, String entity, String entities, String listTool,
            Map<String, FilterBinding> filters, List<List<String>> ranges, Fields fields, String currency,
            Map<String, String> amounts, Map<String, Dimension> groupBy) {
        this(resource, scope, entity, entities, listTool, filters, ranges, fields, currency, amounts, groupBy,
                Map.of());
    }

    /**
     * One way to group: the key's path in a Coupa record, the label's (null: the key is its own label), and whether
     * the key is a date grouped by its month ({@code 2025-03}). A line-level dimension (an invoice line's account)
     * names the {@code lines} association its key and label are read in, the line amount summed per group
     * ({@code lineAmount}) and the projection it adds to the scan ({@code fields}); null for header dimensions.
     */
    public record Dimension(String name, String key, String label, boolean month, String lines, String lineAmount,
            Fields fields) {
        public Dimension(String name, String key, String label, boolean month) {
            this(name, key, label, month, null, null, null);
        }

        boolean byLine() {
            return lines != null;
        }
    }
}
