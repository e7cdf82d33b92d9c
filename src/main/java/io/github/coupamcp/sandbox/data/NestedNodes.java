package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.Account;
import io.github.coupamcp.sandbox.data.Model.AccountType;
import io.github.coupamcp.sandbox.data.Model.Address;
import io.github.coupamcp.sandbox.data.Model.Commodity;
import io.github.coupamcp.sandbox.data.Model.Country;
import io.github.coupamcp.sandbox.data.Model.Currency;
import io.github.coupamcp.sandbox.data.Model.Department;
import io.github.coupamcp.sandbox.data.Model.PaymentTerm;
import io.github.coupamcp.sandbox.data.Model.Supplier;
import io.github.coupamcp.sandbox.data.Model.Uom;
import io.github.coupamcp.sandbox.data.Model.User;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The nested objects Coupa embeds in documents (UserSimple, supplier, currency, account, address...), built
 * once per referenced record and handed out as deep copies: render() is the query engine's hot path and
 * building a heavy supplier or account from scratch for every invoice line would dominate it.
 * Caches of writable records (users, suppliers) are invalidated when the record changes.
 */
final class NestedNodes {
    /** Reference data is created before the sandbox "went live"; a fixed instant keeps it deterministic. */
    static final long SETUP_TIME = 1_609_488_000L; // 2021-01-01T08:00:00Z

    private final World world;
    private final Cache userSimple = new Cache(this::buildUserSimple, this::userRecord);
    private final Cache supplier = new Cache(this::buildSupplier, this::supplierRecord);
    private final Cache currency = new Cache(this::buildCurrency, id -> null);
    private final Cache paymentTerm = new Cache(this::buildPaymentTerm, id -> null);
    private final Cache address = new Cache(this::buildAddress, id -> null);
    private final Cache account = new Cache(this::buildAccount, id -> null);
    private final Cache accountType = new Cache(this::buildAccountType, id -> null);
    private final Cache uom = new Cache(this::buildUom, id -> null);
    private final Cache commodity = new Cache(this::buildCommodity, id -> null);
    private final Cache department = new Cache(this::buildDepartment, id -> null);
    private final Cache country = new Cache(this::buildCountry, id -> null);
    private final String setupTime = Formats.dateTime(SETUP_TIME);

    NestedNodes(World world) {
        this.world = world;
    }

    /** Null-safe: id 0 means "no such association" and renders as JSON null. */
    JsonNode userSimple(int id) {
        return userSimple.get(id);
    }

    JsonNode supplier(int id) {
        return supplier.get(id);
    }

    JsonNode currency(int id) {
        return currency.get(id);
    }

    JsonNode paymentTerm(int id) {
        return paymentTerm.get(id);
    }

    JsonNode address(int id) {
        return address.get(id);
    }

    JsonNode account(int id) {
        return account.get(id);
    }

    JsonNode accountType(int id) {
        return accountType.get(id);
    }

    JsonNode uom(int id) {
        return uom.get(id);
    }

    JsonNode commodity(int id) {
        return commodity.get(id);
    }

    JsonNode department(int id) {
        return department.get(id);
    }

    JsonNode country(int id) {
        return country.get(id);
    }

    private Object userRecord(int id) {
        return world.user(id);
    }

    private Object supplierRecord(int id) {
        return world.supplier(id);
    }

    // ---- builders ----

    private ObjectNode buildUserSimple(int id) {
        User u = world.user(id);
        if (u == null) {
            return null;
        }
        ObjectNode n = Trees.object(24);
        n.put("id", u.id());
        n.put("login", u.login());
        n.put("email", u.email());
        n.put("employee-number", u.employeeNumber());
        n.put("firstname", u.firstname());
        n.put("lastname", u.lastname());
        n.put("fullname", u.firstname() + " " + u.lastname());
        n.putNull("salesforce-id");
        n.putNull("avatar-thumb-url");
        n.put("created-at", Formats.dateTime(u.createdAt()));
        n.put("updated-at", Formats.dateTime(u.updatedAt()));
        return n;
    }

    /** The supplier as Coupa nests it in documents: identity, terms, primary contact and address. */
    private ObjectNode buildSupplier(int id) {
        Supplier s = world.supplier(id);
        if (s == null) {
            return null;
        }
        ObjectNode n = Trees.stamped(s.id(), Formats.dateTime(s.createdAt()), Formats.dateTime(s.updatedAt()));
        n.put("name", s.name());
        n.put("display-name", s.name());
        n.put("number", s.number());
        n.put("status", s.status());
        n.put("on-hold", s.onHold());
        n.put("po-method", s.poMethod());
        n.put("invoice-matching-level", s.matchingLevel());
        n.put("tax-id", s.taxId());
        n.put("duns", s.duns());
        n.put("website", s.website());
        n.put("payment-method", "invoice");
        n.put("payment-term-id", s.paymentTerm() == 0 ? null : s.paymentTerm());
        n.set("primary-contact", primaryContact(s));
        n.set("primary-address", primaryAddress(s));
        return n;
    }

    ObjectNode primaryContact(Supplier s) {
        if (s.contactEmail() == null && s.contactFamily() == null) {
            return null;
        }
        String created = Formats.dateTime(s.createdAt());
        ObjectNode c = Trees.stamped(s.id(), created, created);
        c.put("email", s.contactEmail());
        c.put("name-given", s.contactGiven());
        c.put("name-family", s.contactFamily());
        c.put("name-fullname", join(s.contactGiven(), s.contactFamily()));
        c.putNull("name-prefix");
        c.putNull("notes");
        c.put("active", true);
        if (s.phone() != null) {
            ObjectNode p = Json.object();
            p.put("id", s.id());
            p.put("country-code", "1");
            p.put("area-code", s.phone().substring(0, 3));
            p.put("number", s.phone().substring(4));
            p.putNull("extension");
            c.set("phone-work", p);
        } else {
            c.putNull("phone-work");
        }
        c.putNull("phone-mobile");
        c.putNull("phone-fax");
        return c;
    }

    ObjectNode primaryAddress(Supplier s) {
        if (s.street1() == null) {
            return null;
        }
        String created = Formats.dateTime(s.createdAt());
        ObjectNode a = Trees.stamped(10_000 + s.id(), created, created);
        a.put("name", s.name());
        a.putNull("location-code");
        a.put("street1", s.street1());
        a.putNull("street2");
        a.put("city", s.city());
        a.put("state", s.state());
        a.put("postal-code", s.postalCode());
        a.putNull("attention");
        a.put("active", true);
        a.put("type", "SupplierAddress");
        a.set("country", country(s.country() == 0 ? 1 : s.country()));
        return a;
    }

    private ObjectNode buildCurrency(int id) {
        Currency c = world.ref.currency(id);
        ObjectNode n = Trees.object(24);
        n.put("id", c.id());
        n.put("code", c.code());
        n.put("decimals", c.decimals());
        return n;
    }

    private ObjectNode buildPaymentTerm(int id) {
        PaymentTerm t = world.ref.paymentTerms.get(id - 1);
        ObjectNode n = Trees.stamped(t.id(), setupTime, setupTime);
        n.put("code", t.code());
        n.put("description", t.description());
        n.put("type", t.type());
        n.put("days-for-net-payment", t.netDays());
        n.put("days-for-discount-payment", t.discountDays());
        n.put("discount-rate", t.discountRate());
        n.put("active", true);
        return n;
    }

    private ObjectNode buildAddress(int id) {
        Address a = world.ref.addresses.get(id - 1);
        ObjectNode n = Trees.stamped(a.id(), setupTime, setupTime);
        n.put("name", a.name());
        n.put("location-code", a.locationCode());
        n.put("street1", a.street1());
        n.putNull("street2");
        n.put("city", a.city());
        n.put("state", a.state());
        n.put("postal-code", a.postalCode());
        n.putNull("attention");
        n.put("active", true);
        n.putNull("business-group-name");
        n.putNull("vat-number");
        n.putNull("local-tax-number");
        n.set("country", country(a.country()));
        n.set("vat-country", null);
        return n;
    }

    private ObjectNode buildCountry(int id) {
        Country c = world.ref.countries.get(id - 1);
        ObjectNode n = Trees.object(24);
        n.put("id", c.id());
        n.put("code", c.code());
        n.put("name", c.name());
        return n;
    }

    private ObjectNode buildAccount(int id) {
        Account a = world.ref.accountById(id);
        ObjectNode n = Trees.stamped(a.id(), setupTime, setupTime);
        n.put("name", a.name());
        n.put("code", a.code());
        n.put("active", true);
        n.put("account-type-id", a.type());
        n.put("segment-1", a.seg1());
        n.put("segment-2", a.seg2());
        n.put("segment-3", a.seg3());
        for (int s = 4; s <= 20; s++) {
            n.putNull("segment-" + s);
        }
        n.set("account-type", accountTypeShort(a.type()));
        return n;
    }

    private ObjectNode accountTypeShort(int id) {
        AccountType t = world.ref.accountTypes.get(id - 1);
        ObjectNode n = Trees.object(24);
        n.put("id", t.id());
        n.put("name", t.name());
        n.put("active", true);
        return n;
    }

    private ObjectNode buildAccountType(int id) {
        AccountType t = world.ref.accountTypes.get(id - 1);
        ObjectNode n = Trees.stamped(t.id(), setupTime, setupTime);
        n.put("name", t.name());
        n.put("active", true);
        n.put("dynamic-flag", false);
        n.put("legal-entity-name", t.legalEntity());
        n.set("currency", currency(t.currency()));
        n.set("primary-address", address(t.address()));
        return n;
    }

    private ObjectNode buildUom(int id) {
        Uom u = world.ref.uoms.get(id - 1);
        ObjectNode n = Trees.stamped(u.id(), setupTime, setupTime);
        n.put("code", u.code());
        n.put("name", u.name());
        n.put("allowable-precision", u.precision());
        n.put("active", true);
        return n;
    }

    private ObjectNode buildCommodity(int id) {
        Commodity c = world.ref.commodities.get(id - 1);
        ObjectNode n = Trees.stamped(c.id(), setupTime, setupTime);
        n.put("name", c.name());
        n.put("translated-name", c.name());
        n.put("active", true);
        n.put("category", c.category());
        n.putNull("deductibility");
        n.putNull("parent");
        return n;
    }

    private ObjectNode buildDepartment(int id) {
        Department d = world.ref.departments.get(id - 1);
        ObjectNode n = Trees.stamped(d.id(), setupTime, setupTime);
        n.put("name", d.name());
        n.put("active", true);
        return n;
    }

    static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + " " + b;
    }

    /** Applies a record's PUT overlay: plain fields replace, custom-fields merge. */
    static void applyPatch(ObjectNode node, Map<String, JsonNode> patch) {
        if (patch == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : patch.entrySet()) {
            if (e.getKey().equals("custom-fields") && node.get("custom-fields") instanceof ObjectNode cf) {
                cf.setAll((ObjectNode) e.getValue().deepCopy());
            } else {
                node.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /**
     * Per-id cache of immutable prototypes; get() returns a copy the caller may change. Each prototype remembers
     * the record it was built from: records are immutable and replaced on write, so a changed record (identity
     * differs) rebuilds its prototype without any explicit invalidation race.
     */
    private final class Cache {
        private record Entry(Object source, long version, ObjectNode proto) {}

        private final ConcurrentHashMap<Integer, Entry> nodes = new ConcurrentHashMap<>();
        private final IntFunction<ObjectNode> builder;
        private final IntFunction<Object> source;

        Cache(IntFunction<ObjectNode> builder, IntFunction<Object> source) {
            this.builder = builder;
            this.source = source;
        }

        /**
         * Fast path: nothing written since the entry was checked (same master-data version). Otherwise compare
         * the record identity and rebuild if it changed.
         */
        JsonNode get(int id) {
            if (id <= 0) {
                return null;
            }
            long version = world.masterVersion();
            Entry e = nodes.get(id);
            if (e == null || e.version() != version) {
                Object src = source.apply(id);
                if (e == null || e.source() != src) {
                    ObjectNode proto = builder.apply(id);
                    if (proto == null) {
                        return null;
                    }
                    e = new Entry(src, version, proto);
                } else {
                    e = new Entry(src, version, e.proto());
                }
                nodes.put(id, e);
            }
            return Trees.copy(e.proto());
        }
    }
}
