package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Supplier;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Supplier create and update. Rules: {@code name} required, at most 100 characters, unique (case-insensitive);
 * {@code number} unique when given; {@code status} one of active | inactive | draft, default draft (Coupa:
 * "If you do not set a status for the supplier, the system defaults to draft"); {@code po-method} and
 * {@code invoice-matching-level} from R39's enums; {@code payment-term} must exist; a primary address needs
 * street1, city, postal-code and an existing country.
 */
final class SupplierWrites {
    static final String KEY = "supplier";
    static final Set<String> STATUSES = Set.of("active", "inactive", "draft");
    static final Set<String> PO_METHODS = Set.of("cxml", "xml", "email", "prompt", "mark_as_sent", "buy_online");
    static final Set<String> MATCHING = Set.of("2-way", "3-way", "3-way-direct", "none");
    private static final Map<String, Patches.Kind> UPDATABLE = Map.of("display-name", Patches.Kind.TEXT,
            "account-number", Patches.Kind.TEXT, "po-email", Patches.Kind.TEXT);

    private final World world;
    private final NaturalKeys keys;
    private final Set<String> customFields;

    SupplierWrites(World world, Set<String> customFields) {
        this.world = world;
        this.keys = new NaturalKeys(world);
        this.customFields = customFields;
    }

    Supplier create(ObjectNode body, Errors errors) {
        String name = Bodies.text(body, "name");
        if (name == null) {
            errors.add("Name can't be blank");
        }
        Fields f = fields(body, null, errors);
        Map<String, JsonNode> patch = Patches.apply(null, body, UPDATABLE, customFields, errors);
        if (errors.any()) {
            return null;
        }
        int id = (int) world.supplierSeq.incrementAndGet();
        long now = world.stamp(0);
        Supplier s = new Supplier(id, name, f.number, f.status != null ? f.status : "draft",
                f.poMethod != null ? f.poMethod : "email", f.matching != null ? f.matching : "none",
                f.term != 0 ? f.term : 1, f.country != 0 ? world.ref.currencyForCountry(f.country) : 1, f.given,
                f.family, f.email,
                null, f.street1, f.city, f.state, f.postal, f.country, Bodies.text(body, "tax-id"),
                Bodies.text(body, "duns"), Bodies.text(body, "website"), Boolean.TRUE.equals(f.onHold), 1, 1, now,
                now, patch);
        world.suppliers.put((long) id, s);
        world.indexSupplier(s);
        world.masterDataChanged();
        return s;
    }

    Supplier update(Supplier s, ObjectNode body, Errors errors) {
        Fields f = fields(body, s, errors);
        Map<String, JsonNode> patch = Patches.apply(s.patch(), body, UPDATABLE, customFields, errors);
        if (errors.any()) {
            return null;
        }
        String name = f.name != null ? f.name : s.name();
        boolean address = f.street1 != null;
        Supplier out = new Supplier(s.id(), name, f.number != null ? f.number : s.number(),
                f.status != null ? f.status : s.status(), f.poMethod != null ? f.poMethod : s.poMethod(),
                f.matching != null ? f.matching : s.matchingLevel(), f.term != 0 ? f.term : s.paymentTerm(),
                s.currency(), f.given != null ? f.given : s.contactGiven(),
                f.family != null ? f.family : s.contactFamily(), f.email != null ? f.email : s.contactEmail(),
                s.phone(), address ? f.street1 : s.street1(), address ? f.city : s.city(),
                address ? f.state : s.state(), address ? f.postal : s.postalCode(), address ? f.country : s.country(),
                or(Bodies.text(body, "tax-id"), s.taxId()), or(Bodies.text(body, "duns"), s.duns()),
                or(Bodies.text(body, "website"), s.website()), f.onHold != null ? f.onHold : s.onHold(),
                s.createdBy(), s.updatedBy(), s.createdAt(), world.stamp(s.updatedAt()), patch);
        world.supplierByName.remove(World.key(s.name()));
        if (s.number() != null) {
            world.supplierByNumber.remove(World.key(s.number()));
        }
        world.suppliers.put(out.longId(), out);
        world.indexSupplier(out);
        world.masterDataChanged();
        return out;
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }


    /** Parsed and validated optional fields shared by create and update. */
    private static final class Fields {
        String name;
        String number;
        String status;
        String poMethod;
        String matching;
        int term;
        Boolean onHold;
        String given;
        String family;
        String email;
        String street1;
        String city;
        String state;
        String postal;
        int country;
    }

    private Fields fields(ObjectNode body, Supplier current, Errors errors) {
        Fields f = new Fields();
        f.name = Bodies.text(body, "name");
        if (f.name != null && f.name.length() > 100) {
            errors.add("Name is too long (maximum is 100 characters)");
        }
        Integer sameName = f.name == null ? null : world.supplierByName.get(World.key(f.name));
        if (sameName != null && (current == null || sameName != current.id())) {
            errors.add("Name has already been taken");
        }
        f.number = Bodies.text(body, "number");
        Integer sameNumber = f.number == null ? null : world.supplierByNumber.get(World.key(f.number));
        if (sameNumber != null && (current == null || sameNumber != current.id())) {
            errors.add("Number has already been taken");
        }
        f.status = oneOf(body, "status", STATUSES, errors);
        if (f.status == null && current == null) {
            f.status = oneOf(body, "supplier-status", STATUSES, errors);
        }
        f.poMethod = oneOf(body, "po-method", PO_METHODS, errors);
        f.matching = oneOf(body, "invoice-matching-level", MATCHING, errors);
        f.term = errors.check(keys.paymentTerm(body.get("payment-term")), "");
        try {
            f.onHold = Bodies.bool(body, "on-hold");
        } catch (IllegalArgumentException e) {
            errors.add("On hold must be true or false");
        }
        JsonNode contact = body.get("primary-contact");
        if (contact != null && contact.isObject()) {
            f.given = Bodies.text(contact, "name-given");
            f.family = Bodies.text(contact, "name-family");
            f.email = Bodies.text(contact, "email");
            if (f.email != null && !f.email.contains("@")) {
                errors.add("Primary contact email is invalid");
            }
        }
        JsonNode address = body.get("primary-address");
        if (address != null && address.isObject()) {
            f.street1 = required(address, "street1", errors);
            f.city = required(address, "city", errors);
            f.postal = required(address, "postal-code", errors);
            f.state = Bodies.text(address, "state");
            NaturalKeys.Found country = keys.country(address.get("country"));
            if (country.absent()) {
                errors.add("Primary address country can't be blank");
            }
            f.country = errors.check(country, "Primary address: ");
        }
        return f;
    }

    private static String required(JsonNode node, String key, Errors errors) {
        String v = Bodies.text(node, key);
        if (v == null) {
            errors.add("Primary address " + key + " can't be blank");
        }
        return v;
    }

    private static String oneOf(JsonNode body, String key, Set<String> allowed, Errors errors) {
        String v = Bodies.text(body, key);
        if (v != null && !allowed.contains(v)) {
            errors.add(Bodies.label(key) + " '" + v + "' is not one of " + new java.util.TreeSet<>(allowed));
            return null;
        }
        return v;
    }
}
