package io.github.coupamcp.tools;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;

/**
 * The block of the {@code three_way_match} kind: how the arguments select purchase orders (filters on the order
 * resource, bound like a list tool's), which of them name a single order, and the invoices' scope, which the tool
 * reads too. Never published.
 *
 * @param single arguments that each select one order (a PO number, an id): an unknown value is an error, and they
 *               are not combined with the other selectors
 */
public record MatchBlock(
        String resource,
        String scope,
        String invoiceScope,
        String entity,
        String entities,
        String listTool,
        Map<String, FilterBinding> filters,
        List<List<String>> ranges,
        List<String> single) implements KindBlock {

    @Override
    public Set<String> scopes() {
        return new TreeSet<>(List.of(scope, invoiceScope));
    }
}
