package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.User;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/users}: read-only in the sandbox (core.user.read). */
final class UserCollection extends BaseCollection<User> {
    private static final String[][] ROLES = {{"1", "Admin", "Full administrative access"},
        {"2", "User", "Standard requester"}, {"3", "Buyer", "Manages purchase orders"},
        {"4", "AP Clerk", "Processes invoices"}, {"5", "Approver", "Approves documents"}};

    UserCollection(World world) {
        super(world, world.users, "users", "user", "users", "core.user.read", null);
    }

    @Override
    ObjectNode render(User u) {
        NestedNodes nodes = world.nodes;
        ObjectNode n = Trees.stamped(u.id(), Formats.dateTime(u.createdAt()), Formats.dateTime(u.updatedAt()));
        n.put("login", u.login());
        n.put("email", u.email());
        n.put("firstname", u.firstname());
        n.put("lastname", u.lastname());
        n.put("fullname", u.firstname() + " " + u.lastname());
        n.putNull("middlename");
        n.put("employee-number", u.employeeNumber());
        n.put("active", u.active());
        n.put("purchasing-user", true);
        n.put("expense-user", true);
        n.put("sourcing-user", u.department() == 4);
        n.put("inventory-user", u.department() == 4);
        n.put("contracts-user", u.department() == 3 || u.id() <= 6);
        n.put("analytics-user", u.id() <= 6);
        n.put("invoicing-user", u.department() == 3);
        n.put("api-user", false);
        n.put("authentication-method", "saml");
        n.put("sso-identifier", u.email());
        n.put("default-locale", "en");
        n.put("mention-name", u.login());
        n.putNull("salesforce-id");
        n.putNull("avatar-thumb-url");
        n.putNull("business-function");
        n.putNull("seniority-level");
        n.set("department", nodes.department(u.department()));
        n.set("manager", nodes.userSimple(u.manager()));
        n.set("default-address", nodes.address(u.defaultAddress()));
        n.set("default-account", nodes.account(u.defaultAccount()));
        n.set("default-account-type", nodes.accountType(world.ref.accountTypeFor(u.defaultCurrency())));
        n.set("default-currency", nodes.currency(u.defaultCurrency()));
        n.set("roles", roles(u));
        n.set("content-groups", Json.array());
        n.set("approval-groups", Json.array());
        n.set("user-groups", Json.array());
        n.putNull("phone-work");
        n.putNull("phone-mobile");
        ObjectNode cf = Json.object();
        cf.put("cf-cost-center", world.ref.accountById(u.defaultAccount()).seg2());
        cf.put("cf-region", world.ref.addresses.get(u.defaultAddress() - 1).locationCode());
        n.set("custom-fields", cf);
        NestedNodes.applyPatch(n, u.patch());
        return n;
    }

    private ArrayNode roles(User u) {
        ArrayNode arr = Json.array();
        int[] roleIdx = u.id() == 1 ? new int[] {0, 4} : u.id() <= 6 ? new int[] {1, 4}
                : u.department() == 3 ? new int[] {1, 3} : u.department() == 4 ? new int[] {1, 2} : new int[] {1};
        for (int i : roleIdx) {
            ObjectNode r = Json.object();
            r.put("id", Integer.parseInt(ROLES[i][0]));
            r.put("name", ROLES[i][1]);
            r.put("description", ROLES[i][2]);
            r.put("omnipotent", i == 0);
            r.put("system-role", true);
            arr.add(r);
        }
        return arr;
    }

    @Override
    public Set<String> customFieldNames() {
        return Set.of("cf-cost-center", "cf-region");
    }
}
