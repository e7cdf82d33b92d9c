package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The full Supplier record served at {@code /api/suppliers}. */
final class SupplierRenderer {
    private final World world;

    SupplierRenderer(World world) {
        this.world = world;
    }

    ObjectNode render(Supplier s) {
        NestedNodes nodes = world.nodes;
        ObjectNode n = (ObjectNode) nodes.supplier(s.id());
        n.put("account-number", "ACME-" + (5000 + s.id()));
        n.put("allow-cxml-invoicing", s.poMethod().equals("cxml"));
        n.put("allow-inv-from-connect", true);
        n.put("allow-inv-no-backing-doc-from-connect", !s.matchingLevel().equals("3-way"));
        n.put("allow-change-requests", false);
        n.put("buyer-hold", false);
        n.put("one-time-supplier", false);
        n.put("hold-invoices-for-ap-review", s.onHold());
        n.put("send-invoices-to-approvals", true);
        n.put("po-email", s.poMethod().equals("email") ? s.contactEmail() : null);
        n.put("po-change-method", s.poMethod());
        n.put("default-locale", s.country() == 2 ? "de" : s.country() == 5 ? "fr" : "en");
        n.put("corporate-url", s.website());
        n.putNull("cxml-url");
        n.putNull("cxml-domain");
        n.putNull("cxml-identity");
        n.putNull("savings-pct");
        n.put("type", (String) null);
        n.set("payment-term", nodes.paymentTerm(s.paymentTerm()));
        n.putNull("shipping-term");
        n.putNull("tax-code");
        n.putNull("commodity");
        n.putNull("parent");
        n.set("remit-to-addresses", remitTo(s));
        n.set("supplier-addresses", Json.array());
        ArrayNode contacts = Json.array();
        ObjectNode contact = nodes.primaryContact(s);
        if (contact != null) {
            contacts.add(contact);
        }
        n.set("contacts", contacts);
        n.set("content-groups", Json.array());
        n.set("invoice-emails", Json.array());
        n.set("taggings", Json.array());
        n.set("created-by", nodes.userSimple(s.createdBy()));
        n.set("updated-by", nodes.userSimple(s.updatedBy()));
        ObjectNode cf = Json.object();
        cf.put("cf-vendor-category", s.id() % 5 == 0 ? "strategic" : s.id() % 3 == 0 ? "preferred" : "approved");
        cf.put("cf-erp-vendor-id", "V" + (300_000 + s.id()));
        n.set("custom-fields", cf);
        NestedNodes.applyPatch(n, s.patch());
        return n;
    }

    private ArrayNode remitTo(Supplier s) {
        ArrayNode arr = Json.array();
        if (s.street1() == null) {
            return arr;
        }
        ObjectNode a = Trees.stamped(20_000 + s.id(), Formats.dateTime(s.createdAt()), Formats.dateTime(s.createdAt()));
        a.put("remit-to-code", "RT-" + s.id());
        a.put("name", s.name());
        a.put("street1", s.street1());
        a.putNull("street2");
        a.put("city", s.city());
        a.put("state", s.state());
        a.put("postal-code", s.postalCode());
        a.put("active", true);
        a.set("country", world.nodes.country(s.country() == 0 ? 1 : s.country()));
        arr.add(a);
        return arr;
    }
}
