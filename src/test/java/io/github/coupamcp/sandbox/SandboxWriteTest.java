package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxWriteTest extends SandboxTestBase {

    private static final String NEW_INVOICE = "{\"invoice_number\":\"NEW-1\",\"supplier\":{\"id\":3},"
            + "\"currency\":{\"code\":\"EUR\"},\"invoice_lines\":[{\"description\":\"Paper\",\"total\":\"9.99\"}]}";

    @Test
    void createAnswers201WithTheRecordAndDashedKeys() {
        HttpResponse<String> response = http.json("POST", "/api/invoices", token(), NEW_INVOICE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode created = SandboxHttp.parse(response);
        assertThat(created.get("id").asLong()).isGreaterThan(FakeStore.INVOICES);
        assertThat(created.get("invoice-number").asString()).isEqualTo("NEW-1");
        assertThat(created.get("invoice-lines").get(0).get("description").asString()).isEqualTo("Paper");
        long id = created.get("id").asLong();
        HttpResponse<String> read = http.get("/api/invoices/" + id, token(), "application/json");
        assertThat(SandboxHttp.parse(read).get("status").asString()).isEqualTo("draft");
    }

    @Test
    void validationErrorsAre400InJsonAndXml() {
        HttpResponse<String> json = http.json("POST", "/api/invoices", token(), "{\"supplier\":{\"id\":3}}");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.parse(json).get("errors").get("invoice_header").get(0).asString())
                .isEqualTo("Invoice number can't be blank");
        HttpResponse<String> xml = http.send(HttpRequest.newBuilder(http.uri("/api/invoices"))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<invoice-header><supplier><id>3</id></supplier></invoice-header>"))
                .build());
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(xml.body()).contains("<errors>").contains("<error>Invoice number can&apos;t be blank</error>"
                .replace("&apos;", "'"));
    }

    @Test
    void xmlBodiesAreReadAndAnsweredInXml() {
        String body = "<?xml version=\"1.0\"?><invoice-header><invoice-number>XML-7</invoice-number>"
                + "<supplier><id type=\"integer\">4</id></supplier><paid type=\"boolean\">false</paid>"
                + "<comments nil=\"true\"/><invoice-lines><invoice-line><description>Ink</description></invoice-line>"
                + "<invoice-line><description>Toner</description></invoice-line></invoice-lines></invoice-header>";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(http.uri("/api/invoices"))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/xml")
                .header("Accept", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).contains("<invoice-header>").contains("<invoice-number>XML-7</invoice-number>")
                .contains("<id type=\"integer\">4</id>").contains("<comments nil=\"true\"/>")
                .contains("<invoice-lines type=\"array\">").contains("<description>Toner</description>");
    }

    @Test
    void malformedBodiesAre400() {
        HttpResponse<String> json = http.json("POST", "/api/invoices", token(), "{\"invoice-number\":");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.parse(json).get("errors").has("body")).isTrue();
        assertThat(http.json("POST", "/api/invoices", token(), "[1,2]").statusCode()).isEqualTo(400);
        HttpResponse<String> xml = http.send(HttpRequest.newBuilder(http.uri("/api/invoices"))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<invoice-header><oops></invoice-header>"))
                .build());
        assertThat(xml.statusCode()).isEqualTo(400);
        HttpResponse<String> doctype = http.send(HttpRequest.newBuilder(http.uri("/api/invoices"))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                        + "<invoice-header><invoice-number>&e;</invoice-number></invoice-header>"))
                .build());
        assertThat(doctype.statusCode()).isEqualTo(400);
    }

    @Test
    void updatesMergeQueryFlagsAndHonourFields() {
        HttpResponse<String> put = http.json("PUT", "/api/suppliers/5?exported=true&fields=[\"id\",\"exported\"]",
                token(), null);
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"id\":5,\"exported\":true}");
        HttpResponse<String> patch = http.json("PATCH", "/api/suppliers/5?return_object=limited", token(),
                "{\"display_name\":\"Five\"}");
        assertThat(patch.body()).isEqualTo("{\"id\":5}");
        assertThat(SandboxHttp.parse(http.get("/api/suppliers/5", token(), "application/json"))
                .get("display-name").asString()).isEqualTo("Five");
        assertThat(http.json("PUT", "/api/suppliers/999", token(), "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void returnObjectNoneGivesAnEmptyBody() {
        HttpResponse<String> response = http.json("POST", "/api/suppliers?return_object=none", token(),
                "{\"name\":\"Initech\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEmpty();
        assertThat(http.json("POST", "/api/suppliers?return_object=everything", token(), "{\"name\":\"X\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void actionsRunTheStateMachineAndInvalidTransitionsAre400() {
        // invoice 4 is a draft: submit works once, then is an invalid transition
        HttpResponse<String> submit = http.json("PUT", "/api/invoices/4/submit", token(), null);
        assertThat(submit.statusCode()).isEqualTo(200);
        assertThat(SandboxHttp.parse(submit).get("status").asString()).isEqualTo("pending_approval");
        HttpResponse<String> again = http.json("PUT", "/api/invoices/4/submit", token(), null);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.parse(again).get("errors").get("status").get(0).asString())
                .contains("Cannot submit");
        HttpResponse<String> xml = http.send(HttpRequest.newBuilder(http.uri("/api/invoices/4/submit"))
                .header("Authorization", "Bearer " + token())
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(xml.body()).contains("<error>Cannot submit an invoice in status pending_approval</error>");
        assertThat(http.json("PUT", "/api/invoices/99999/submit", token(), null).statusCode()).isEqualTo(404);
        assertThat(http.json("PUT", "/api/invoices/4/teleport", token(), null).statusCode()).isEqualTo(404);
        assertThat(http.json("GET", "/api/invoices/4/submit", token(), null).statusCode()).isEqualTo(405);
    }

    @Test
    void readOnlyResourcesRefuseWrites() {
        assertThat(http.json("POST", "/api/currencies", token(), "{\"code\":\"JPY\"}").statusCode()).isEqualTo(405);
        assertThat(http.json("PUT", "/api/currencies/1", token(), "{\"code\":\"JPY\"}").statusCode()).isEqualTo(405);
        assertThat(http.json("DELETE", "/api/invoices/1", token(), null).statusCode()).isEqualTo(405);
    }
}
