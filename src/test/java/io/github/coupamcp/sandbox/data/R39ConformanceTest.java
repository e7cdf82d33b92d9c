package io.github.coupamcp.sandbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every field name (recursively, through nested objects and line arrays) and every enum value the sandbox
 * renders must exist in Coupa's R39 Swagger definitions, so the emulator cannot drift from the published
 * contract. custom-fields contents are exempt (custom by nature). Skipped when ../shared/coupa-openapi/R39 is
 * absent (it sits beside the clone in CI).
 */
class R39ConformanceTest {
    /** Collection -> the R39 definition of one record. */
    static final Map<String, String> ROOTS = Map.ofEntries(Map.entry("invoices", "InvoiceHeader"),
            Map.entry("suppliers", "Supplier"), Map.entry("users", "User"), Map.entry("accounts", "Account"),
            Map.entry("account_types", "AccountType"), Map.entry("currencies", "Currency"),
            Map.entry("payment_terms", "PaymentTerm"), Map.entry("departments", "Department"),
            Map.entry("addresses", "Address"), Map.entry("commodities", "Commodity"), Map.entry("uoms", "Uom"),
            Map.entry("purchase_orders", "OrderHeader"),
            Map.entry("purchase_order_lines", "OrderLine"),
            Map.entry("inventory_transactions", "InventoryTransaction"),
            Map.entry("receiving_transactions", "InventoryTransaction"),
            Map.entry("requisitions", "RequisitionHeader"), Map.entry("approvals", "Approval"),
            Map.entry("contracts", "Contract"), Map.entry("expense_reports", "ExpenseReport"));

    /**
     * R39 artifacts where a property's $ref is missing or points at the wrong definition (usually the parent
     * itself); the override names the definition Coupa actually returns there.
     */
    static final Map<String, String> OVERRIDES = Map.of(
            "Approval.approver", "UserSimple", // untyped in R39: a User or an approval group
            "Approval.delegate", "UserSimple",
            "ExpenseReport.currency", "Currency", // R39 says ExpenseReport
            "ExpenseReport.approvals", "Approval",
            "InvoiceHeader.dispute-reasons", "ReasonInsight"); // R39 says InvoiceHeader

    static SwaggerIndex index;
    static final SandboxStore STORE = SandboxData.generate(7, Scale.SMALL);

    @BeforeAll
    static void loadSpec() throws IOException {
        Path dir = Paths.get("").toAbsolutePath().resolve("../shared/coupa-openapi/R39").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "R39 Swagger folder not found at " + dir + " - conformance test skipped");
        index = SwaggerIndex.load(dir);
    }

    @Test
    void everyCollectionHasAnR39Definition() {
        for (SandboxCollection c : STORE.collections()) {
            assertThat(ROOTS).as("root definition for " + c.name()).containsKey(c.name());
            assertThat(index.has(ROOTS.get(c.name()))).as(ROOTS.get(c.name())).isTrue();
        }
    }

    @Test
    void everyFieldAndEnumValueExistsInR39() {
        List<String> problems = new ArrayList<>();
        for (SandboxCollection c : STORE.collections()) {
            String root = ROOTS.get(c.name());
            for (long id : c.ids()) {
                check(c.name() + "/" + id, root, c.render(id), problems);
            }
        }
        assertThat(problems.stream().distinct().limit(60).toList()).isEmpty();
    }

    /** Records produced by writes and actions must conform too (free-form lines, dispute reasons, new chains). */
    @Test
    void writtenRecordsConformToo() {
        WriteFixture f = new WriteFixture();
        List<String> problems = new ArrayList<>();
        long supplierId = WriteFixture.id(f.withStatus("suppliers", "active"));
        ObjectNode supplier = WriteFixture.created(f.c("suppliers").create(WriteFixture.json(
                "{'name':'Conformance Co','status':'active','primary-contact':{'email':'a@b.co','name-given':'A'},"
                        + "'primary-address':{'street1':'1 A St','city':'Austin','postal-code':'78701',"
                        + "'country':{'code':'US'}},'custom-fields':{'cf-vendor-category':'approved'}}")));
        check("new supplier", "Supplier", supplier, problems);
        ObjectNode inv = WriteFixture.created(f.c("invoices").create(WriteFixture.json(
                "{'invoice-number':'C-1','invoice-date':'2026-06-01','supplier':{'id':" + supplierId + "},"
                        + "'currency':{'code':'USD'},'invoice-lines':[{'description':'x','price':'5','quantity':'2',"
                        + "'uom':{'code':'HR'},'commodity':{'name':'IT Services'}},"
                        + "{'type':'InvoiceAmountLine','description':'y','price':'100'}]}")));
        check("new invoice", "InvoiceHeader", inv, problems);
        long id = WriteFixture.id(inv);
        ObjectNode submitted = WriteFixture.ok(f.c("invoices").action(id, "submit", WriteFixture.json("{}"), Map.of()));
        check("submitted invoice", "InvoiceHeader", submitted, problems);
        long approval = WriteFixture.id(submitted.get("approvals").get(0));
        check("approval", "Approval", WriteFixture.ok(f.c("approvals").action(approval, "hold",
                WriteFixture.json("{}"), Map.of())), problems);
        check("disputed invoice", "InvoiceHeader", WriteFixture.ok(f.c("invoices").action(id, "dispute",
                WriteFixture.json("{'dispute-reason':{'code':'OTHER'}}"), Map.of())), problems);
        String login = f.c("users").render(2).get("login").asString();
        ObjectNode req = WriteFixture.created(f.c("requisitions").collectionAction("submit_for_approval",
                WriteFixture.json("{'requested-by':{'login':'" + login + "'},'requisition-lines':[{'description':'z',"
                        + "'unit-price':'3','quantity':'1','currency':{'code':'EUR'}}]}"), Map.of()));
        check("new requisition", "RequisitionHeader", req, problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckCatchesUnknownFieldsBadEnumsAndWrongNesting() {
        tools.jackson.databind.node.ObjectNode inv = STORE.collection("invoices").render(1);
        inv.put("invoice-colour", "red");
        inv.put("status", "paid_in_full");
        ((tools.jackson.databind.node.ObjectNode) inv.get("supplier")).put("favourite-food", "pizza");
        ((tools.jackson.databind.node.ObjectNode) inv.get("invoice-lines").get(0)).put("line-colour", "blue");
        inv.put("currency", "USD");
        List<String> problems = new ArrayList<>();
        check("invoices/1", "InvoiceHeader", inv, problems);
        assertThat(problems).hasSize(5).anyMatch(p -> p.startsWith("InvoiceHeader.invoice-colour"))
                .anyMatch(p -> p.contains("'paid_in_full'")).anyMatch(p -> p.startsWith("Supplier.favourite-food"))
                .anyMatch(p -> p.startsWith("InvoiceLine.line-colour"))
                .anyMatch(p -> p.startsWith("InvoiceHeader.currency is a scalar"));
    }

    private void check(String path, String definition, JsonNode node, List<String> problems) {
        Map<String, SwaggerIndex.Property> props = index.properties(definition);
        for (String field : node.propertyNames()) {
            if (field.equals("custom-fields")) {
                continue;
            }
            String where = definition + "." + field;
            SwaggerIndex.Property p = props.get(field);
            if (p == null) {
                problems.add(where + " is not in R39 (" + path + ")");
                continue;
            }
            JsonNode value = node.get(field);
            String target = OVERRIDES.getOrDefault(where, p.ref());
            if (value.isObject()) {
                if (target == null) {
                    problems.add(where + " is an object but R39 declares " + p.type());
                } else {
                    check(path, target, value, problems);
                }
            } else if (value.isArray()) {
                if (!p.array()) {
                    problems.add(where + " is an array but R39 declares " + p.type());
                }
                for (JsonNode item : value) {
                    if (item.isObject() && target != null) {
                        check(path, target, item, problems);
                    }
                }
            } else if (value.isString() && p.enumValues() != null && !p.enumValues().contains(value.asString())) {
                problems.add(where + " value '" + value.asString() + "' not in R39 enum " + p.enumValues());
            } else if (!value.isNull() && (p.ref() != null || p.array())) {
                problems.add(where + " is a scalar but R39 declares " + (p.array() ? "an array" : p.ref()));
            }
        }
    }
}
