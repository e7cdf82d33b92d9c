package io.github.coupamcp.sandbox;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.NamedCollection;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.sandbox.data.SandboxStore;
import io.github.coupamcp.sandbox.data.WriteResult;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small hand-written store standing in for the data generator: 120 invoices, 10 suppliers, 3 currencies,
 * with Coupa-like nesting (supplier, currency, invoice-lines with accounts, custom-fields) and tiny state machines.
 */
final class FakeStore implements SandboxStore {
    static final int INVOICES = 120;
    static final String[] STATUSES = {"draft", "pending_approval", "approved", "voided"};

    private final Map<String, SandboxCollection> collections = new LinkedHashMap<>();

    FakeStore() {
        FakeCollection suppliers = new FakeCollection("suppliers", "supplier", "suppliers", "core.supplier.read",
                "core.supplier.write", Map.of(), FakeStore::validateSupplier);
        for (int i = 1; i <= 10; i++) {
            suppliers.put(supplier(i));
        }
        FakeCollection currencies = new FakeCollection("currencies", "currency", "currencies", "core.common.read",
                null, Map.of(), (c, body) -> null);
        String[] codes = {"USD", "EUR", "GBP"};
        for (int i = 0; i < codes.length; i++) {
            ObjectNode c = Json.object();
            c.put("id", i + 1);
            c.put("code", codes[i]);
            c.put("decimals", 2);
            c.put("enabled-flag", true);
            currencies.put(c);
        }
        FakeCollection invoices = new FakeCollection("invoices", "invoice-header", "invoice-headers",
                "core.invoice.read", "core.invoice.write",
                Map.of("submit", "core.invoice.write", "void", "core.invoice.delete", "dispute", "core.invoice.write"),
                FakeStore::validateInvoice);
        for (int i = 1; i <= INVOICES; i++) {
            invoices.put(invoice(i));
        }
        collections.put("invoices", invoices);
        collections.put("suppliers", suppliers);
        collections.put("currencies", currencies);
    }

    @Override
    public SandboxCollection collection(String name) {
        return collections.get(name);
    }

    @Override
    public Collection<SandboxCollection> collections() {
        return collections.values();
    }

    static ObjectNode supplier(int i) {
        ObjectNode s = Json.object();
        s.put("id", i);
        s.put("name", i % 2 == 0 ? "Acme Supplies " + i : "Globex Corp " + i);
        s.put("number", "SUP-" + (1000 + i));
        s.put("status", "active");
        s.put("created-at", "2023-06-0" + (i % 9 + 1) + "T09:00:00-07:00");
        ObjectNode contact = s.putObject("primary-contact");
        contact.put("id", 100 + i);
        contact.put("email", "ap" + i + "@supplier" + i + ".example.com");
        contact.put("name-given", "Pat");
        return s;
    }

    /** Invoice i: totals 10.50 * i, dates spread over 2024, every 7th has a null comment, lines with accounts. */
    static ObjectNode invoice(int i) {
        ObjectNode inv = Json.object();
        inv.put("id", i);
        inv.put("invoice-number", String.format("INV-%04d", i));
        inv.put("status", STATUSES[i % STATUSES.length]);
        inv.put("total", String.format("%d.%02d", i * 10 + i / 2, (i % 2) * 50));
        inv.put("invoice-date", String.format("2024-%02d-%02dT00:00:00Z", i % 12 + 1, i % 28 + 1));
        inv.put("created-at", String.format("2024-%02d-%02dT10:15:00-08:00", i % 12 + 1, i % 28 + 1));
        inv.put("updated-at", String.format("2024-%02d-%02dT10:15:00-08:00", i % 12 + 1, i % 28 + 1));
        inv.put("paid", i % 3 == 0);
        inv.put("line-count", 2);
        if (i % 7 == 0) {
            inv.putNull("comments");
        } else {
            inv.put("comments", "Order " + i + " for R&D <lab>");
        }
        ObjectNode supplier = inv.putObject("supplier");
        int sid = i % 10 + 1;
        ObjectNode full = supplier(sid);
        supplier.put("id", sid);
        supplier.put("name", full.get("name").asString());
        supplier.put("number", full.get("number").asString());
        supplier.put("status", "active");
        ObjectNode currency = inv.putObject("currency");
        currency.put("id", i % 3 + 1);
        currency.put("code", new String[] {"USD", "EUR", "GBP"}[i % 3]);
        var lines = inv.putArray("invoice-lines");
        for (int n = 1; n <= 2; n++) {
            ObjectNode line = lines.addObject();
            line.put("id", i * 10 + n);
            line.put("line-num", n);
            line.put("description", n == 1 ? "Laptops" : "Docking stations");
            line.put("total", "5.25");
            ObjectNode account = line.putObject("account");
            account.put("id", n);
            account.put("code", i % 5 == 0 && n == 2 ? "6100-IT" : "5000-OPS");
            account.put("name", "Account " + n);
        }
        ObjectNode custom = inv.putObject("custom-fields");
        custom.put("cf-erp-number", "ERP" + i);
        custom.put("cf-region", i % 2 == 0 ? "EMEA" : "AMER");
        return inv;
    }

    private static WriteResult validateInvoice(FakeCollection invoices, ObjectNode body) {
        if (!body.path("invoice-number").isString() || body.get("invoice-number").asString().isBlank()) {
            return WriteResult.invalid("invoice_header", "Invoice number can't be blank");
        }
        if (body.path("supplier").path("id").isMissingNode()) {
            return WriteResult.invalid("invoice_header", "Supplier can't be blank");
        }
        return null;
    }

    private static WriteResult validateSupplier(FakeCollection suppliers, ObjectNode body) {
        return body.path("name").isString() ? null : WriteResult.invalid("supplier", "Name can't be blank");
    }

    /** One resource backed by a sorted map; create/update/actions are deliberately simple. */
    static final class FakeCollection extends NamedCollection {
        private final Map<String, String> actions;
        private final BiFunction<FakeCollection, ObjectNode, WriteResult> validator;
        private final ConcurrentSkipListMap<Long, ObjectNode> records = new ConcurrentSkipListMap<>();
        private final AtomicLong nextId = new AtomicLong(1);

        FakeCollection(String name, String xmlRoot, String xmlListRoot, String readScope, String writeScope,
                Map<String, String> actions, BiFunction<FakeCollection, ObjectNode, WriteResult> validator) {
            super(name, xmlRoot, xmlListRoot, readScope, writeScope);
            this.actions = actions;
            this.validator = validator;
        }

        void put(ObjectNode record) {
            long id = record.get("id").asLong();
            records.put(id, record);
            nextId.accumulateAndGet(id + 1, Math::max);
        }

        @Override
        public Map<String, String> actionScopes() {
            return actions;
        }

        @Override
        public java.util.Set<String> customFieldNames() {
            return name().equals("invoices") ? java.util.Set.of("cf-erp-number", "cf-region") : java.util.Set.of();
        }

        @Override
        public Map<String, String> collectionActionScopes() {
            return name().equals("invoices") ? Map.of("create_and_submit", "core.invoice.create") : Map.of();
        }

        @Override
        public WriteResult collectionAction(String action, ObjectNode body, Map<String, String> params) {
            WriteResult created = create(body);
            if (created instanceof WriteResult.Ok ok) {
                return action(ok.record().get("id").asLong(), "submit", body, params);
            }
            return created;
        }

        @Override
        public int size() {
            return records.size();
        }

        @Override
        public NavigableSet<Long> ids() {
            return records.keySet();
        }

        @Override
        public ObjectNode render(long id) {
            ObjectNode r = records.get(id);
            return r == null ? null : r.deepCopy();
        }

        @Override
        public WriteResult create(ObjectNode body) {
            WriteResult invalid = validator.apply(this, body);
            if (invalid != null) {
                return invalid;
            }
            ObjectNode record = body.deepCopy();
            record.put("id", nextId.getAndIncrement());
            record.put("status", name().equals("invoices") ? "draft" : "active");
            records.put(record.get("id").asLong(), record);
            return WriteResult.created(record.deepCopy());
        }

        @Override
        public WriteResult update(long id, ObjectNode body) {
            ObjectNode record = records.get(id);
            if (record == null) {
                return WriteResult.notFound();
            }
            synchronized (record) {
                record.setAll(body);
                return WriteResult.ok(record.deepCopy());
            }
        }

        @Override
        public WriteResult action(long id, String action, ObjectNode body, Map<String, String> params) {
            ObjectNode record = records.get(id);
            if (record == null) {
                return WriteResult.notFound();
            }
            synchronized (record) {
                String status = record.get("status").asString();
                String next = switch (action) {
                    case "submit" -> status.equals("draft") ? "pending_approval" : null;
                    case "void" -> List.of("pending_approval", "approved").contains(status) ? "voided" : null;
                    case "dispute" -> status.equals("pending_approval") ? "disputed" : null;
                    default -> "";
                };
                if ("".equals(next)) {
                    return WriteResult.unsupported("Unknown action " + action);
                }
                if (next == null) {
                    return WriteResult.invalid("status", "Cannot " + action + " an invoice in status " + status);
                }
                record.put("status", next);
                return WriteResult.ok(record.deepCopy());
            }
        }
    }
}
