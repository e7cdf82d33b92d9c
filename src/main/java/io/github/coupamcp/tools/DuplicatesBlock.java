package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import java.util.List;
import java.util.Map;

/**
 * The block of the {@code duplicates} kind: which records a scan reads (the filters of the resource's list tool,
 * bound the same way) and where a record keeps what two duplicates share. Never published.
 *
 * @param fields the projection each scanned page asks for: only what {@code match} reads
 * @param match  paths in a Coupa record of what is compared
 */
public record DuplicatesBlock(
        String resource,
        String scope,
        String entity,
        String entities,
        String listTool,
        Map<String, FilterBinding> filters,
        List<List<String>> ranges,
        Fields fields,
        Match match) implements KindBlock {

    /**
     * Paths of the party both records must share (id and name), the amount and currency they must share, the date
     * they must be close in, and the number that may have to be similar, e.g. {@code supplier.id}.
     */
    public record Match(String party, String partyName, String amount, String currency, String date, String number) {
        static final List<String> KEYS = List.of("party", "partyName", "amount", "currency", "date", "number");
    }
}
