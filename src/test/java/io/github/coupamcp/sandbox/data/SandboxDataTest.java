package io.github.coupamcp.sandbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SandboxDataTest {
    static final SandboxStore STORE = SandboxData.generate(42, Scale.SMALL);

    static List<ObjectNode> all(SandboxStore store, String name) {
        SandboxCollection c = store.collection(name);
        List<ObjectNode> out = new ArrayList<>();
        for (long id : c.ids()) {
            out.add(c.render(id));
        }
        return out;
    }

    @Test
    void servesEveryResourceOfTheIssue() {
        assertThat(STORE.collections()).extracting(SandboxCollection::name).contains("invoices", "suppliers",
                "users", "accounts", "account_types", "currencies", "payment_terms", "purchase_orders",
                "purchase_order_lines", "inventory_transactions", "requisitions", "approvals", "contracts",
                "expense_reports");
        for (SandboxCollection c : STORE.collections()) {
            assertThat(c.size()).as(c.name()).isPositive();
            assertThat(c.render(c.ids().first())).as(c.name()).isNotNull();
        }
    }

    @Test
    void smallScaleSizes() {
        assertThat(STORE.collection("invoices").size()).isEqualTo(300);
        assertThat(STORE.collection("suppliers").size()).isEqualTo(40);
        assertThat(STORE.collection("purchase_orders").size()).isEqualTo(120);
    }

    @Test
    void everyInvoiceStatusIsPresent() {
        Set<String> statuses = new HashSet<>();
        for (ObjectNode inv : all(STORE, "invoices")) {
            statuses.add(inv.get("status").asString());
        }
        assertThat(statuses).containsExactlyInAnyOrder(Generator.INVOICE_STATUSES);
    }

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        SandboxStore again = SandboxData.generate(42, Scale.SMALL);
        SandboxStore other = SandboxData.generate(43, Scale.SMALL);
        for (SandboxCollection c : STORE.collections()) {
            assertThat(all(again, c.name())).as(c.name()).isEqualTo(all(STORE, c.name()));
        }
        assertThat(all(other, "invoices")).isNotEqualTo(all(STORE, "invoices"));
        assertThat(all(other, "suppliers")).isNotEqualTo(all(STORE, "suppliers"));
    }

    @Test
    void mediumScaleHasTenThousandInvoicesWithEveryStatus() {
        SandboxStore medium = SandboxData.generate(1, Scale.MEDIUM);
        SandboxCollection invoices = medium.collection("invoices");
        assertThat(invoices.size()).isEqualTo(10_000);
        Set<String> statuses = new HashSet<>();
        for (long id : invoices.ids()) {
            statuses.add(invoices.render(id).get("status").asString());
        }
        assertThat(statuses).containsExactlyInAnyOrder(Generator.INVOICE_STATUSES);
    }

    @Test
    void scaleParsesCaseInsensitively() {
        assertThat(Scale.parse("Large")).isEqualTo(Scale.LARGE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scale.parse("huge"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("small, medium or large");
    }

    @Test
    void renderFieldsIsTheFullRenderingCutDown() {
        for (SandboxCollection c : STORE.collections()) {
            long id = c.ids().first();
            ObjectNode full = c.render(id);
            List<String> names = new ArrayList<>();
            full.propertyNames().forEach(names::add);
            Set<String> some = new HashSet<>(List.of(names.get(0), names.get(names.size() / 2),
                    names.get(names.size() - 1),
                    "status", "custom-fields", "no-such-field"));
            ObjectNode expected = full.deepCopy();
            expected.retain(some);
            assertThat(c.renderFields(id, some)).as(c.name()).isEqualTo(expected);
            assertThat(c.renderFields(id, Set.of())).as(c.name()).isEmpty();
            assertThat(c.renderFields(c.ids().last() + 1000, some)).isNull();
        }
    }

    @Test
    void renderFieldsSeesPatchesAndCustomFields() {
        WriteFixture f = new WriteFixture();
        SandboxCollection invoices = f.c("invoices");
        long id = invoices.ids().first();
        invoices.update(id, WriteFixture.json("{'comments':'hello','custom-fields':{'cf-integration-status':'x'}}"));
        ObjectNode part = invoices.renderFields(id, Set.of("comments", "custom-fields", "status"));
        assertThat(part.get("comments").asString()).isEqualTo("hello");
        assertThat(part.get("custom-fields").get("cf-integration-status").asString()).isEqualTo("x");
        assertThat(part.get("custom-fields").has("cf-erp-invoice-number")).isTrue();
        assertThat(part.size()).isEqualTo(3);
    }
}
