package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.Contract;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/contracts} (core.contract.read; writes are not emulated). */
final class ContractCollection extends BaseCollection<Contract> {
    ContractCollection(World world) {
        super(world, world.contracts, "contracts", "contract", "contracts", "core.contract.read", null);
    }

    @Override
    ObjectNode render(Contract c) {
        NestedNodes nodes = world.nodes;
        ObjectNode n = Trees.stamped(c.id(), Formats.dateTime(c.createdAt()), Formats.dateTime(c.updatedAt()));
        n.put("name", c.name());
        n.put("number", c.number());
        n.put("status", c.status());
        n.put("version", 1);
        n.put("type", "MasterContract");
        n.put("description", c.name() + " between Acme and " + world.supplier(c.supplier()).name());
        n.put("start-date", Formats.day(c.startDay()));
        n.put("end-date", Formats.day(c.endDay()));
        n.put("execution-date", Formats.day(c.startDay() - 5));
        n.put("published-date", c.status().equals("draft") ? null : Formats.day(c.startDay() - 3));
        n.put("maximum-value", Formats.money(c.maxCents()));
        n.put("minimum-value", "0.00");
        n.putNull("max-commit");
        n.putNull("min-commit");
        n.put("term-type", c.termType());
        n.put("renewal-length-value", c.termType().equals("auto_renew") ? 12 : null);
        n.put("renewal-length-unit", c.termType().equals("auto_renew") ? "months" : null);
        n.put("no-of-renewals", c.termType().equals("auto_renew") ? 2 : null);
        n.put("termination-notice", "yes");
        n.put("termination-notice-length-value", 30);
        n.put("termination-notice-length-unit", "days");
        n.put("supplier-invoiceable", true);
        n.put("used-for-buying", true);
        n.put("terminated", false);
        n.put("preferred", c.id() % 4 == 0);
        n.put("strict-invoicing-rules", false);
        n.put("stop-spend-based-on-max-value", "no");
        n.putNull("po-message");
        n.putNull("requisition-message");
        n.putNull("legal-agreement-url");
        n.set("supplier", nodes.supplier(c.supplier()));
        n.set("currency", nodes.currency(c.currency()));
        n.set("payment-term", nodes.paymentTerm(c.paymentTerm()));
        n.putNull("shipping-term");
        n.set("contract-owner", nodes.userSimple(c.owner()));
        n.putNull("contract-type");
        n.putNull("parent");
        n.putNull("master-contract");
        n.putNull("current-approval");
        n.putNull("department");
        n.set("content-groups", Json.array());
        n.set("contract-terms", Json.array());
        n.set("taggings", Json.array());
        n.set("created-by", nodes.userSimple(c.owner()));
        n.set("updated-by", nodes.userSimple(c.owner()));
        ObjectNode cf = Json.object();
        cf.put("cf-risk-tier", c.id() % 3 == 0 ? "high" : c.id() % 3 == 1 ? "medium" : "low");
        cf.putNull("cf-legal-reviewer");
        n.set("custom-fields", cf);
        NestedNodes.applyPatch(n, c.patch());
        return n;
    }

    @Override
    public Set<String> customFieldNames() {
        return Set.of("cf-risk-tier", "cf-legal-reviewer");
    }
}
