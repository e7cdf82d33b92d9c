package io.github.coupamcp.coupa.http;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which OAuth scope a 403 is about. First what Coupa said (a {@code scope="..."} in WWW-Authenticate, a scope name in
 * the body or messages), else the scope the resource is known to need for that verb (Coupa's R39 scope list).
 */
public final class ScopeHints {
    private static final Pattern HEADER_SCOPE = Pattern.compile("scope=\"([^\"]+)\"");
    private static final Pattern SCOPE_NAME =
            Pattern.compile("\\b((?:core|csp|treasury|travel_booking|quality_collaboration)(?:\\.[a-z_]+){1,4})\\b");

    /** Resource (URL segment) to the scope family: {@code core.<family>.read|write}. */
    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("invoices", "invoice"),
            Map.entry("invoice_lines", "invoice"),
            Map.entry("purchase_orders", "purchase_order"),
            Map.entry("purchase_order_lines", "purchase_order"),
            Map.entry("purchase_order_changes", "purchase_order"),
            Map.entry("requisitions", "requisition"),
            Map.entry("requisition_lines", "requisition"),
            Map.entry("suppliers", "supplier"),
            Map.entry("supplier_sites", "supplier"),
            Map.entry("supplier_items", "supplier"),
            Map.entry("approvals", "approval"),
            Map.entry("contracts", "contract"),
            Map.entry("users", "user"),
            Map.entry("user_groups", "user_group"),
            Map.entry("expense_reports", "expense"),
            Map.entry("expense_lines", "expense"),
            Map.entry("accounts", "accounting"),
            Map.entry("account_types", "accounting"),
            Map.entry("budget_lines", "budget"),
            Map.entry("projects", "project"),
            Map.entry("legal_entities", "legal_entity"),
            Map.entry("items", "item"),
            Map.entry("addresses", "common"),
            Map.entry("currencies", "common"),
            Map.entry("payment_terms", "common"),
            Map.entry("shipping_terms", "common"),
            Map.entry("commodities", "common"),
            Map.entry("departments", "common"),
            Map.entry("exchange_rates", "common"),
            Map.entry("lookups", "common"),
            Map.entry("lookup_values", "common"),
            Map.entry("uoms", "common"));

    private ScopeHints() {}

    /** The scope Coupa named, else the known requirement of {@code method resource}, else null. */
    public static String scopeFor(String wwwAuthenticate, String body, List<String> messages, String method,
            String resource) {
        if (wwwAuthenticate != null) {
            Matcher m = HEADER_SCOPE.matcher(wwwAuthenticate);
            if (m.find()) {
                return m.group(1).trim();
            }
        }
        for (String message : messages) {
            Matcher m = SCOPE_NAME.matcher(message);
            if (m.find()) {
                return m.group(1);
            }
        }
        if (body != null && !body.stripLeading().startsWith("<!")) {
            Matcher m = SCOPE_NAME.matcher(body.substring(0, Math.min(body.length(), 4000)));
            if (m.find()) {
                return m.group(1);
            }
        }
        return requiredScope(method, resource);
    }

    /** {@code core.invoice.read} for {@code GET invoices}; POST of an invoice needs {@code core.invoice.create}... */
    public static String requiredScope(String method, String resource) {
        if (resource == null) {
            return null;
        }
        String top = resource.split("/", 2)[0];
        String family = FAMILIES.get(top);
        if (family == null) {
            return null;
        }
        if ("GET".equals(method)) {
            return "core." + family + ".read";
        }
        return "core." + family + ".write";
    }
}
