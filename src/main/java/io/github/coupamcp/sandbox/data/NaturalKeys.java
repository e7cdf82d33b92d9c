package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Supplier;
import io.github.coupamcp.sandbox.data.Model.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import tools.jackson.databind.JsonNode;

/**
 * Resolves references in write payloads the way Coupa does: by id or natural key (supplier by id/name/number,
 * currency by code, account by code, user by login/email/employee-number...). When several keys are given, all
 * must point at the same record. A bare scalar is taken as the id (number) or the first natural key (string).
 */
final class NaturalKeys {
    /** Lookup outcome: id 0 and no error when the reference is absent. */
    record Found(int id, String error) {
        boolean absent() {
            return id == 0 && error == null;
        }
    }

    private static final Found ABSENT = new Found(0, null);
    private final World world;

    NaturalKeys(World world) {
        this.world = world;
    }

    Found supplier(JsonNode ref) {
        Map<String, Function<String, Integer>> keys = new LinkedHashMap<>();
        keys.put("name", v -> world.supplierByName.get(World.key(v)));
        keys.put("number", v -> world.supplierByNumber.get(World.key(v)));
        keys.put("id", v -> idIf(v, id -> world.supplier(id) != null));
        return find("Supplier", ref, keys);
    }

    Found user(JsonNode ref) {
        Map<String, Function<String, Integer>> keys = new LinkedHashMap<>();
        keys.put("login", v -> world.userByLogin.get(World.key(v)));
        keys.put("email", v -> world.userByEmail.get(World.key(v)));
        keys.put("employee-number", v -> userByEmployeeNumber(v));
        keys.put("id", v -> idIf(v, id -> world.user(id) != null));
        return find("User", ref, keys);
    }

    Found currency(JsonNode ref) {
        return fromList("Currency", ref, world.ref.currencies, Model.Currency::id, "code", Model.Currency::code);
    }

    Found account(JsonNode ref) {
        return fromList("Account", ref, world.ref.accounts, Model.Account::id, "code", Model.Account::code);
    }

    Found accountType(JsonNode ref) {
        return fromList("Account type", ref, world.ref.accountTypes, Model.AccountType::id, "name",
                Model.AccountType::name);
    }

    Found paymentTerm(JsonNode ref) {
        return fromList("Payment term", ref, world.ref.paymentTerms, Model.PaymentTerm::id, "code",
                Model.PaymentTerm::code);
    }

    Found uom(JsonNode ref) {
        return fromList("Uom", ref, world.ref.uoms, Model.Uom::id, "code", Model.Uom::code);
    }

    Found commodity(JsonNode ref) {
        return fromList("Commodity", ref, world.ref.commodities, Model.Commodity::id, "name", Model.Commodity::name);
    }

    Found department(JsonNode ref) {
        return fromList("Department", ref, world.ref.departments, Model.Department::id, "name",
                Model.Department::name);
    }

    Found country(JsonNode ref) {
        return fromList("Country", ref, world.ref.countries, Model.Country::id, "code", Model.Country::code);
    }

    Found address(JsonNode ref) {
        Map<String, Function<String, Integer>> keys = new LinkedHashMap<>();
        keys.put("name", v -> matchList(world.ref.addresses, Model.Address::id, Model.Address::name, v));
        keys.put("location-code", v -> matchList(world.ref.addresses, Model.Address::id,
                Model.Address::locationCode, v));
        keys.put("id", v -> idIf(v, id -> id <= world.ref.addresses.size()));
        return find("Address", ref, keys);
    }

    /** Catalog item by name (its description) or part number; returns the catalog index + 1. */
    Found item(JsonNode ref) {
        Map<String, Function<String, Integer>> keys = new LinkedHashMap<>();
        keys.put("name", v -> matchList(world.ref.catalog, i -> i.index() + 1, Model.CatalogItem::description, v));
        keys.put("item-number", v -> matchList(world.ref.catalog, i -> i.index() + 1,
                Model.CatalogItem::partNumber, v));
        return find("Item", ref, keys);
    }

    private Integer userByEmployeeNumber(String v) {
        for (User u : world.users.values()) {
            if (u.employeeNumber().equalsIgnoreCase(v)) {
                return u.id();
            }
        }
        return null;
    }

    private static Integer idIf(String v, java.util.function.IntPredicate exists) {
        try {
            int id = Integer.parseInt(v);
            return id > 0 && exists.test(id) ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private <T> Found fromList(String label, JsonNode ref, List<T> list, ToIntFunction<T> id, String keyName,
            Function<T, String> key) {
        Map<String, Function<String, Integer>> keys = new LinkedHashMap<>();
        keys.put(keyName, v -> matchList(list, id, key, v));
        keys.put("id", v -> idIf(v, i -> i <= list.size()));
        return find(label, ref, keys);
    }

    private static <T> Integer matchList(List<T> list, ToIntFunction<T> id, Function<T, String> key, String v) {
        for (T t : list) {
            String k = key.apply(t);
            if (k != null && k.equalsIgnoreCase(v.trim())) {
                return id.applyAsInt(t);
            }
        }
        return null;
    }

    private static Found find(String label, JsonNode ref, Map<String, Function<String, Integer>> keys) {
        if (ref == null || ref.isNull() || ref.isMissingNode()) {
            return ABSENT;
        }
        if (ref.isValueNode()) {
            String v = ref.asString();
            String k = ref.isNumber() ? "id" : keys.keySet().iterator().next();
            Integer id = keys.get(k).apply(v);
            return id == null ? new Found(0, label + " not found (" + k + ": '" + v + "')") : new Found(id, null);
        }
        Integer found = null;
        StringBuilder given = new StringBuilder();
        for (Map.Entry<String, Function<String, Integer>> e : keys.entrySet()) {
            JsonNode v = ref.get(e.getKey());
            if (v == null || v.isNull() || !v.isValueNode()) {
                continue;
            }
            if (given.length() > 0) {
                given.append(", ");
            }
            given.append(e.getKey()).append(": '").append(v.asString()).append("'");
            Integer id = e.getValue().apply(v.asString());
            if (id == null || found != null && !found.equals(id)) {
                return new Found(0, label + " not found (" + given + ")");
            }
            found = id;
        }
        if (found == null) {
            return new Found(0, label + " must be referenced by one of " + String.join(", ", keys.keySet()));
        }
        return new Found(found, null);
    }

    /** Name of a supplier for messages. */
    String supplierName(int id) {
        Supplier s = world.supplier(id);
        return s == null ? String.valueOf(id) : s.name();
    }
}
