package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Order;
import io.github.coupamcp.sandbox.data.Model.OrderLine;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/purchase_orders}: order headers with their lines. Actions (documented rules):
 * <ul>
 *   <li>{@code issue}: draft | buyer_hold | currency_hold | supplier_hold | supplier_window_hold -> issued; the
 *       transmission status follows the supplier's PO method (sent_via_email, sent_via_cxml...).</li>
 *   <li>{@code cancel}: any open status (not closed, cancelled or expensed) -> cancelled, unless goods were
 *       received or lines invoiced against it.</li>
 *   <li>{@code close}: issued | exported -> closed. {@code reopen}: closed -> issued.</li>
 * </ul>
 * PUT changes plain fields only (exported flag, ship-to attention, custom fields).
 */
final class PurchaseOrderCollection extends BaseCollection<Order> {
    static final Set<String> CUSTOM_FIELDS = Set.of("cf-budget-owner", "cf-project-code");
    static final Set<String> ISSUABLE = Set.of("draft", "buyer_hold", "currency_hold", "supplier_hold",
            "supplier_window_hold");
    static final Set<String> FINAL = Set.of("closed", "cancelled", "expensed");
    static final Set<String> CLOSABLE = Set.of("issued", "exported");
    private static final String WRITE = "core.purchase_order.write";
    private static final Map<String, String> ACTIONS = Map.of("issue", WRITE, "cancel", WRITE, "close", WRITE,
            "reopen", WRITE);
    private static final Map<String, Patches.Kind> UPDATABLE = Map.of("ship-to-attention", Patches.Kind.TEXT,
            "last-exported-at", Patches.Kind.TEXT);
    private static final String KEY = "order_header";

    private final OrderRenderer renderer;

    PurchaseOrderCollection(World world, OrderRenderer renderer) {
        super(world, world.orders, "purchase_orders", "order-header", "order-headers", "core.purchase_order.read",
                WRITE);
        this.renderer = renderer;
    }

    @Override
    ObjectNode render(Order o) {
        return renderer.render(o);
    }

    @Override
    ObjectNode renderFields(Order o, Set<String> fields) {
        return renderer.render(o, fields);
    }

    @Override
    public Map<String, String> actionScopes() {
        return ACTIONS;
    }

    /** External purchase orders are not emulated: POs come from requisitions. */
    @Override
    public Set<String> createScopes() {
        return Set.of();
    }

    @Override
    public WriteResult update(long id, ObjectNode body) {
        ObjectNode in = Bodies.dashed(body);
        return changeWith(id, KEY, (o, errors) -> {
            if (in.has("status")) {
                errors.add("Status can't be changed with an update; use the issue, cancel or close actions");
                return null;
            }
            Boolean exported = null;
            try {
                exported = Bodies.bool(in, "exported");
            } catch (IllegalArgumentException e) {
                errors.add("Exported must be true or false");
            }
            Map<String, JsonNode> patch = Patches.apply(o.patch(), in, UPDATABLE, CUSTOM_FIELDS, errors);
            return errors.any() ? null
                    : save(o, o.status(), o.transmission(), exported != null ? exported : o.exported(), patch);
        });
    }

    @Override
    public WriteResult action(long id, String action, ObjectNode body, Map<String, String> params) {
        if (!ACTIONS.containsKey(action)) {
            return unknownAction(id, "Unknown purchase order action " + action);
        }
        return changeWith(id, KEY, (o, errors) -> {
            String problem = refusal(o, action);
            if (problem != null) {
                errors.add(problem);
                return null;
            }
            return switch (action) {
                case "issue" -> save(o, "issued", ProcurementGenerator.transmission("issued",
                        world.supplier(o.supplier()).poMethod()), o.exported(), o.patch());
                case "cancel" -> save(o, "cancelled", o.transmission(), o.exported(), o.patch());
                case "close" -> save(o, "closed", o.transmission(), o.exported(), o.patch());
                default -> save(o, "issued", o.transmission(), o.exported(), o.patch());
            };
        });
    }

    private static String refusal(Order o, String action) {
        String po = "Purchase order " + OrderRenderer.poNumber(o.id());
        String status = o.status();
        return switch (action) {
            case "issue" -> ISSUABLE.contains(status) ? null : po + " cannot be issued when its status is " + status;
            case "cancel" -> FINAL.contains(status) ? po + " cannot be cancelled when its status is " + status
                    : hasActivity(o) ? po + " cannot be cancelled: goods were received or invoiced against it"
                    : null;
            case "close" -> CLOSABLE.contains(status) ? null : po + " cannot be closed when its status is " + status;
            default -> status.equals("closed") ? null : po + " cannot be reopened when its status is " + status;
        };
    }

    private static boolean hasActivity(Order o) {
        for (OrderLine l : o.lines()) {
            if (l.receivedMilli() > 0 || l.invoicedCents() != 0) {
                return true;
            }
        }
        return false;
    }

    private Order save(Order o, String status, String transmission, boolean exported, Map<String, JsonNode> patch) {
        Order out = o.with(status, transmission, exported, o.lines(), world.stamp(o.updatedAt()), patch);
        world.orders.put(out.id(), out);
        return out;
    }

    @Override
    public Set<String> customFieldNames() {
        return CUSTOM_FIELDS;
    }
}
