package io.github.coupamcp.sandbox.data;

import static io.github.coupamcp.sandbox.data.WriteFixture.created;
import static io.github.coupamcp.sandbox.data.WriteFixture.errors;
import static io.github.coupamcp.sandbox.data.WriteFixture.id;
import static io.github.coupamcp.sandbox.data.WriteFixture.json;
import static io.github.coupamcp.sandbox.data.WriteFixture.ok;
import static io.github.coupamcp.sandbox.data.WriteFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RequisitionWritesTest {
    WriteFixture f;
    SandboxCollection reqs;
    String login;

    @BeforeEach
    void setUp() {
        f = new WriteFixture();
        reqs = f.c("requisitions");
        login = text(f.c("users").render(3), "login");
    }

    ObjectNode body() {
        return json("{'requested-by':{'login':'" + login + "'},'req-title':'Team laptops',"
                + "'requisition-lines':[{'description':'Laptop','unit-price':'1200.00','quantity':'2',"
                + "'currency':{'code':'USD'},'uom':{'code':'EA'}},"
                + "{'item':{'name':'Copy paper A4, 5000 sheets'},'quantity':'3','currency':{'code':'USD'}}]}");
    }

    List<String> createErrors(ObjectNode b) {
        return errors(reqs.create(b), "requisition_header");
    }

    @Test
    void createsADraftDefaultingShipToAndDepartmentFromTheRequester() {
        ObjectNode r = created(reqs.create(body()));
        ObjectNode user = f.c("users").render(3);
        assertThat(text(r, "status")).isEqualTo("draft");
        assertThat(r.get("requested-by").get("login").asString()).isEqualTo(login);
        assertThat(r.get("ship-to-address").get("id")).isEqualTo(user.get("default-address").get("id"));
        assertThat(r.get("department").get("id")).isEqualTo(user.get("department").get("id"));
        assertThat(text(r, "currency")).isEqualTo("USD");
        JsonNode catalogLine = r.get("requisition-lines").get(1);
        assertThat(text(catalogLine, "description")).isEqualTo("Copy paper A4, 5000 sheets");
        assertThat(text(catalogLine, "unit-price")).isEqualTo("42.99");
        assertThat(text(r, "total")).isEqualTo("2528.97");
    }

    @Test
    void validationRules() {
        assertThat(createErrors(json("{}"))).containsExactly("Requested by can't be blank",
                "Requisition must have at least one line");
        ObjectNode b = body();
        b.set("requested-by", json("{'email':'ghost@nowhere'}"));
        b.set("ship-to-address", json("{'name':'Mars Base'}"));
        ((tools.jackson.databind.node.ArrayNode) b.get("requisition-lines")).add(json(
                "{'unit-price':'5','quantity':'1'}"));
        ((tools.jackson.databind.node.ArrayNode) b.get("requisition-lines")).add(json(
                "{'description':'x','unit-price':'5','quantity':'1','currency':{'code':'USD'},"
                        + "'supplier':{'name':'Nobody Inc.'},'item':{'name':'Flux capacitor'}}"));
        assertThat(createErrors(b)).containsExactly("Requested by: User not found (email: 'ghost@nowhere')",
                "Ship to address: Address not found (name: 'Mars Base')", "Line 3: Description can't be blank",
                "Line 3: Currency can't be blank", "Line 4: Item not found (name: 'Flux capacitor')",
                "Line 4: Supplier not found (name: 'Nobody Inc.')");
    }

    @Test
    void submitForApprovalCreatesAndSubmitsInOneStep() {
        assertThat(reqs.collectionActionScopes()).containsEntry("submit_for_approval", "core.requisition.write");
        ObjectNode r = created(reqs.collectionAction("submit_for_approval", body(), Map.of()));
        assertThat(text(r, "status")).isEqualTo("pending_approval");
        assertThat(r.get("approvals")).isNotEmpty();
        assertThat(r.get("submitted-at").isNull()).isFalse();
        int before = reqs.size();
        assertThat(errors(reqs.collectionAction("submit_for_approval", json("{}"), Map.of()), "requisition_header"))
                .isNotEmpty();
        assertThat(reqs.size()).isEqualTo(before);
        assertThat(reqs.collectionAction("make_coffee", body(), Map.of())).isInstanceOf(WriteResult.Unsupported.class);
    }

    @Test
    void updateOnlyWhileDraft() {
        ObjectNode draft = created(reqs.create(body()));
        ObjectNode out = ok(reqs.update(id(draft), json("{'justification':'new hires','need-by-date':'2026-08-01',"
                + "'custom-fields':{'cf-capex':true}}")));
        assertThat(text(out, "justification")).isEqualTo("new hires");
        assertThat(text(out, "need-by-date")).isEqualTo("2026-08-01T00:00:00-07:00");
        assertThat(out.get("custom-fields").get("cf-capex").asBoolean()).isTrue();
        ObjectNode ordered = f.withStatus("requisitions", "ordered");
        assertThat(errors(reqs.update(id(ordered), json("{'justification':'x'}")), "requisition_header"))
                .containsExactly("Requisition can only be edited while draft (status is ordered)");
        assertThat(errors(reqs.action(id(ordered), "update_and_submit_for_approval", json("{}"), Map.of()),
                "requisition_header")).containsExactly(
                        "Requisition can only be edited while draft (status is ordered)".replace(
                                "Requisition can only be edited while draft (status is ordered)",
                                "Requisition cannot be submitted for approval when its status is ordered"));
    }
}
