package io.github.coupamcp.sandbox.data;

import static io.github.coupamcp.sandbox.data.WriteFixture.created;
import static io.github.coupamcp.sandbox.data.WriteFixture.errors;
import static io.github.coupamcp.sandbox.data.WriteFixture.id;
import static io.github.coupamcp.sandbox.data.WriteFixture.json;
import static io.github.coupamcp.sandbox.data.WriteFixture.ok;
import static io.github.coupamcp.sandbox.data.WriteFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SupplierWritesTest {
    WriteFixture f;
    SandboxCollection suppliers;

    @BeforeEach
    void setUp() {
        f = new WriteFixture();
        suppliers = f.c("suppliers");
    }

    List<String> createErrors(ObjectNode b) {
        return errors(suppliers.create(b), "supplier");
    }

    @Test
    void createsADraftSupplierByDefault() {
        ObjectNode s = created(suppliers.create(json("{'name':'CDW','number':'cdw2323','po-method':'prompt',"
                + "'invoice-matching-level':'3-way','payment-term':{'code':'Net 30'},"
                + "'primary-contact':{'email':'joe.smith@cdw.com','name-family':'Smith','name-given':'Joe'},"
                + "'primary_address':{'street1':'1 Main St','city':'San Mateo','state':'CA','postal_code':'93325',"
                + "'country':{'code':'US'}}}")));
        assertThat(text(s, "status")).isEqualTo("draft");
        assertThat(text(s, "number")).isEqualTo("cdw2323");
        assertThat(s.get("payment-term").get("code").asString()).isEqualTo("Net 30");
        assertThat(s.get("primary-address").get("city").asString()).isEqualTo("San Mateo");
        assertThat(s.get("primary-contact").get("email").asString()).isEqualTo("joe.smith@cdw.com");
        assertThat(suppliers.render(id(s))).isEqualTo(s);
        // the new supplier is usable at once by invoices
        ObjectNode inv = created(f.c("invoices").create(json("{'invoice-number':'1','invoice-date':'2026-06-01',"
                + "'supplier':{'number':'cdw2323'},'currency':{'code':'USD'},"
                + "'invoice-lines':[{'description':'x','price':'1','quantity':'1'}]}")));
        assertThat(inv.get("supplier").get("name").asString()).isEqualTo("CDW");
    }

    @Test
    void statusCanBeGiven() {
        assertThat(text(created(suppliers.create(json("{'name':'Active One','status':'active'}"))), "status"))
                .isEqualTo("active");
    }

    @Test
    void validationRules() {
        ObjectNode existing = suppliers.render(1);
        assertThat(createErrors(json("{}"))).containsExactly("Name can't be blank");
        assertThat(createErrors(json("{'name':'" + text(existing, "name").toUpperCase() + "','number':'"
                + text(existing, "number") + "','status':'sleeping','po-method':'pigeon',"
                + "'invoice-matching-level':'5-way','payment-term':{'code':'Net 999'},"
                + "'primary-address':{'street1':'x','country':{'code':'ZZ'}}}"))).containsExactly(
                        "Name has already been taken", "Number has already been taken",
                        "Status 'sleeping' is not one of [active, draft, inactive]",
                        "Po method 'pigeon' is not one of [buy_online, cxml, email, mark_as_sent, prompt, xml]",
                        "Invoice matching level '5-way' is not one of [2-way, 3-way, 3-way-direct, none]",
                        "Payment term not found (code: 'Net 999')", "Primary address city can't be blank",
                        "Primary address postal-code can't be blank",
                        "Primary address: Country not found (code: 'ZZ')");
        assertThat(createErrors(json("{'name':'" + "x".repeat(101) + "'}")))
                .containsExactly("Name is too long (maximum is 100 characters)");
    }

    @Test
    void updateRenamesAndReindexes() {
        ObjectNode s = suppliers.render(2);
        ObjectNode out = ok(suppliers.update(2, json("{'name':'Renamed Co','status':'inactive',"
                + "'website':'https://r.co',"
                + "'custom-fields':{'cf-vendor-category':'strategic'}}")));
        assertThat(text(out, "name")).isEqualTo("Renamed Co");
        assertThat(text(out, "status")).isEqualTo("inactive");
        assertThat(text(out.get("custom-fields"), "cf-vendor-category")).isEqualTo("strategic");
        assertThat(text(out, "updated-at")).isGreaterThan(text(s, "updated-at"));
        // documents embedding the supplier see the new name
        ObjectNode inv = f.first("invoices", n -> n.get("supplier").get("id").asLong() == 2);
        assertThat(inv.get("supplier").get("name").asString()).isEqualTo("Renamed Co");
        // the old name is free again, the new one is taken
        assertThat(errors(suppliers.update(3, json("{'name':'renamed co'}")), "supplier"))
                .containsExactly("Name has already been taken");
        created(suppliers.create(json("{'name':'" + text(s, "name") + "'}")));
        assertThat(suppliers.update(99_999, json("{'name':'x'}"))).isInstanceOf(WriteResult.NotFound.class);
    }
}
