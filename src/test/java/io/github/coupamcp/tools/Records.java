package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Coupa-shaped test records (dashed keys, nested objects in full, decimals as strings). */
final class Records {
    private Records() {}

    static ObjectNode invoice(long id, String number, String status, long supplierId, String supplierName,
            String total, String currency, String invoiceDate) {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("invoice-number", number);
        n.put("status", status);
        n.put("invoice-date", invoiceDate);
        n.put("net-due-date", invoiceDate);
        n.put("total-with-taxes", total);
        n.put("amount-due", total);
        n.put("paid", false);
        n.putNull("comments");
        n.put("internal-note", "");
        n.put("created-at", invoiceDate + "T10:00:00-08:00");
        n.put("updated-at", invoiceDate + "T12:00:00-08:00");
        ObjectNode c = n.putObject("currency");
        c.put("id", currency.equals("USD") ? 1 : 2);
        c.put("code", currency);
        c.put("decimals", 2);
        ObjectNode s = n.putObject("supplier");
        s.put("id", supplierId);
        s.put("name", supplierName);
        s.put("number", "S-" + supplierId);
        s.put("status", "active");
        ObjectNode user = n.putObject("created-by");
        user.put("id", 7);
        user.put("login", "jdoe");
        user.put("firstname", "Jane");
        user.put("lastname", "Doe");
        user.put("email", "jane@example.com");
        ArrayNode lines = n.putArray("invoice-lines");
        for (int i = 1; i <= 2; i++) {
            ObjectNode l = lines.addObject();
            l.put("id", id * 10 + i);
            l.put("line-num", i);
            l.put("description", "Line " + i);
            l.put("total", "1.00");
            l.putObject("uom").put("code", "EA");
            l.putNull("po-number");
        }
        n.putArray("attachments");
        n.putObject("custom-fields").put("cf-erp", "X" + id);
        return n;
    }

    static ObjectNode supplier(long id, String name, String number, String status) {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("name", name);
        n.put("number", number);
        n.put("status", status);
        n.put("po-method", "email");
        n.put("invoice-matching-level", "3-way");
        ObjectNode term = n.putObject("payment-term");
        term.put("id", 3);
        term.put("code", "Net 30");
        n.put("updated-at", "2025-01-01T00:00:00Z");
        return n;
    }

    static ObjectNode order(long id, String poNumber, String status, long supplierId, String currency,
            String... lineTotals) {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("po-number", poNumber);
        n.put("status", status);
        n.put("created-at", "2025-01-0" + (1 + id % 9) + "T10:00:00Z");
        n.put("updated-at", "2025-02-01T10:00:00Z");
        n.putObject("currency").put("code", currency);
        ObjectNode s = n.putObject("supplier");
        s.put("id", supplierId);
        s.put("name", "Supplier " + supplierId);
        ArrayNode lines = n.putArray("order-lines");
        int i = 1;
        for (String total : lineTotals) {
            ObjectNode l = lines.addObject();
            l.put("id", id * 100 + i);
            l.put("line-num", String.valueOf(i++));
            l.put("description", "Item");
            l.put("total", total);
        }
        return n;
    }
}
