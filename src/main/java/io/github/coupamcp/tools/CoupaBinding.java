package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.shape.CompactionRules;
import java.util.List;
import java.util.Map;

/**
 * A tool's {@code x-coupa} section: how it talks to Coupa and how results are shaped. Never published.
 *
 * @param resource   Coupa URL segment ({@code invoices})
 * @param kind       generic handler to use
 * @param scope      OAuth scope the call needs
 * @param entity     singular noun for messages ({@code invoice})
 * @param entities   plural noun ({@code invoices})
 * @param listTool   the list tool to point agents to when an id is unknown
 * @param fields     default (compact) projection sent on every request
 * @param fullFields projection for {@code detail: "full"}
 * @param compaction renames and derived values
 * @param totals     money field and currency field summed per page, or null
 * @param line       output keys shown on a record's one-line text rendering
 * @param filters    argument name to Coupa filter, in declaration order
 * @param ranges     pairs of arguments where the first must not exceed the second
 * @param lookupKeys for get tools: arguments identifying a record without its id (at least one required then)
 * @param handler    class of a custom {@link ToolHandler} for a tool with real logic, or null for the generic one
 */
public record CoupaBinding(
        String resource,
        Kind kind,
        String scope,
        String entity,
        String entities,
        String listTool,
        Fields fields,
        Fields fullFields,
        CompactionRules compaction,
        Totals totals,
        List<String> line,
        Map<String, FilterBinding> filters,
        List<List<String>> ranges,
        List<String> lookupKeys,
        String handler) {

    public enum Kind { LIST, GET }

    /** Output keys summed per currency on each page: the amount, and optionally what is still due (or null). */
    public record Totals(String amount, String currency, String due) {}

    /** Arguments every list tool understands besides its filters. */
    public static final List<String> LIST_ARGUMENTS = List.of("limit", "cursor", "detail", "fields");

    /** Arguments every get tool understands besides its natural keys. */
    public static final List<String> GET_ARGUMENTS = List.of("id", "detail", "fields");

    public List<String> reservedArguments() {
        return kind == Kind.LIST ? LIST_ARGUMENTS : GET_ARGUMENTS;
    }
}
