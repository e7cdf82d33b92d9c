package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.shape.CompactionRules;
import io.github.coupamcp.shape.FreeText;
import java.util.List;
import java.util.Map;

/**
 * The block of the record-reading kinds ({@code list}, {@code get}): how they query Coupa and shape its records.
 * Never published.
 *
 * @param resource   Coupa URL segment ({@code invoices})
 * @param scope      OAuth scope the call needs
 * @param entity     singular noun for messages ({@code invoice})
 * @param entities   plural noun ({@code invoices})
 * @param listTool   the list tool to point agents to when an id is unknown
 * @param fields     default (compact) projection sent on every request
 * @param fullFields projection for {@code detail: "full"}
 * @param compaction renames and derived values
 * @param totals     list: money field and currency field summed per page, or null
 * @param line       output keys shown on a record's one-line text rendering
 * @param freeText   output paths holding supplier- or user-authored text, marked as untrusted in results
 * @param filters    argument name to Coupa filter, in declaration order (a get's natural keys and qualifiers)
 * @param ranges     list: pairs of arguments where the first must not exceed the second
 * @param lookupKeys get: arguments identifying a record without its id (at least one required then)
 * @param orderBy    list: the {@code order_by} values an agent may pass, to the fields they sort by (empty: id only)
 */
public record CoupaBinding(
        String resource,
        String scope,
        String entity,
        String entities,
        String listTool,
        Fields fields,
        Fields fullFields,
        CompactionRules compaction,
        Totals totals,
        List<String> line,
        FreeText freeText,
        Map<String, FilterBinding> filters,
        List<List<String>> ranges,
        List<String> lookupKeys,
        Map<String, SortField> orderBy) implements KindBlock {

    /**
     * Output keys summed per currency on each page: the amount, and optionally what is still due (or null); and the
     * tool answering totals over all matches (or null), named on pages whose totals cover only the page.
     */
    public record Totals(String amount, String currency, String due, String summaryTool) {}
}
