package io.github.coupamcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Writes through HTTP against the generated data set: Coupa's validation and state machines surface as 400s. */
class GeneratedDataWritesTest {
    private static Sandbox sandbox;
    private static SandboxHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO).rateLimitEnabled(false)
                .addClient(SandboxClient.withScopes("creator", "creator-secret",
                        Set.of("core.invoice.create", "core.invoice.read")))
                .build());
        http = new SandboxHttp(sandbox);
        token = http.accessToken(sandbox.clientId(), sandbox.clientSecret(), null);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static JsonNode first(String pathAndQuery) {
        HttpResponse<String> r = http.get(pathAndQuery, token, "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode page = SandboxHttp.parse(r);
        assertThat(page).as(pathAndQuery).isNotEmpty();
        return page.get(0);
    }

    private static String invoiceBody(String number) {
        String supplier = first("/api/suppliers?status=active&limit=1").get("number").asString();
        String login = first("/api/users?limit=1").get("login").asString();
        String account = first("/api/accounts?limit=1").get("code").asString();
        return "{\"invoice_number\":\"" + number + "\",\"invoice_date\":\"2026-06-01\",\"currency\":{\"code\":\"USD\"},"
                + "\"supplier\":{\"number\":\"" + supplier + "\"},\"requested_by\":{\"login\":\"" + login + "\"},"
                + "\"invoice_lines\":[{\"description\":\"Widget\",\"price\":\"10.00\",\"quantity\":\"3\","
                + "\"uom\":{\"code\":\"EA\"},\"account\":{\"code\":\"" + account + "\"}}]}";
    }

    @Test
    void invoiceLifecycleOverHttp() {
        HttpResponse<String> created = http.json("POST", "/api/invoices?fields=[\"id\",\"status\",\"total-with-taxes\"]",
                token, invoiceBody("HTTP-1"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode invoice = SandboxHttp.parse(created);
        assertThat(invoice.get("status").asString()).isEqualTo("draft");
        assertThat(invoice.get("total-with-taxes").asString()).isEqualTo("30.00");
        long id = invoice.get("id").asLong();

        HttpResponse<String> duplicate = http.json("POST", "/api/invoices", token, invoiceBody("HTTP-1"));
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.parse(duplicate).get("errors").toString()).containsIgnoringCase("invoice number");

        HttpResponse<String> submitted = http.json("PUT", "/api/invoices/" + id + "/submit?return_object=shallow",
                token, null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(SandboxHttp.parse(submitted).get("status").asString()).isNotEqualTo("draft");

        HttpResponse<String> again = http.json("PUT", "/api/invoices/" + id + "/submit", token, null);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.parse(again).get("errors")).isNotEmpty();
        HttpResponse<String> xml = http.send(HttpRequest.newBuilder(http.uri("/api/invoices/" + id + "/submit"))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(xml.body()).contains("<errors>").contains("<error>");
    }

    @Test
    void requiredFieldsAre400() {
        HttpResponse<String> response = http.json("POST", "/api/invoices", token, "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.parse(response).get("errors").get("invoice_header").toString())
                .contains("Invoice number can't be blank");
    }

    @Test
    void createScopeAloneAllowsCreatingInvoices() {
        String creator = http.accessToken("creator", "creator-secret", null);
        HttpResponse<String> created = http.json("POST", "/api/invoices?return_object=limited", creator,
                invoiceBody("HTTP-CREATE-SCOPE"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(SandboxHttp.parse(created).propertyNames()).containsExactly("id");
        HttpResponse<String> suppliers = http.json("POST", "/api/suppliers", creator, "{\"name\":\"X\"}");
        assertThat(suppliers.statusCode()).isEqualTo(403);
        assertThat(suppliers.body()).contains("core.supplier.write");
    }

    @Test
    void approvalsAreDecidedOnceOnly() {
        JsonNode pending = first("/api/approvals?status=pending_approval&limit=1&fields=[\"id\",\"status\"]");
        long id = pending.get("id").asLong();
        HttpResponse<String> approved = http.json("PUT", "/api/approvals/" + id + "/approve", token, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(SandboxHttp.parse(approved).get("status").asString()).isEqualTo("approved");
        HttpResponse<String> twice = http.json("PUT", "/api/approvals/" + id + "/reject", token, null);
        assertThat(twice.statusCode()).isEqualTo(400);
    }

    @Test
    void everyEndpointEnforcesTheScopeCoupaRequires() {
        for (var collection : sandbox.store().collections()) {
            String base = "/api/" + collection.name();
            String read = http.accessToken(sandbox.clientId(), sandbox.clientSecret(), collection.readScope());
            assertThat(http.get(base + "?limit=1", read, "application/json").statusCode()).as(base).isEqualTo(200);
            assertThat(http.get(base + "/1", read, "application/json").statusCode()).as(base).isEqualTo(200);
            String other = collection.readScope().equals("core.user.read") ? "core.common.read" : "core.user.read";
            String outsider = http.accessToken(sandbox.clientId(), sandbox.clientSecret(), other);
            assertForbidden(http.get(base, outsider, "application/json"), collection.readScope());
            assertForbidden(http.get(base + "/1", outsider, "application/json"), collection.readScope());
            if (!collection.createScopes().isEmpty()) {
                assertForbidden(http.json("POST", base, read, "{}"), collection.createScopes().iterator().next());
            }
            if (collection.writeScope() != null) {
                assertForbidden(http.json("PUT", base + "/1", read, "{}"), collection.writeScope());
            }
            collection.actionScopes().forEach((action, scope) ->
                    assertForbidden(http.json("PUT", base + "/1/" + action, read, null), scope));
            collection.collectionActionScopes().forEach((action, scope) ->
                    assertForbidden(http.json("POST", base + "/" + action, read, "{}"), scope));
        }
    }

    private static void assertForbidden(HttpResponse<String> response, String scope) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(403);
        assertThat(response.body()).as(response.uri().toString()).contains(scope);
    }

    @Test
    void stateMachinesOverHttpAnswer400OnInvalidTransitionsAndAdvanceUpdatedAt() {
        JsonNode draftPo = first("/api/purchase_orders?status=draft&limit=1&fields=[\"id\",\"updated-at\"]");
        String po = "/api/purchase_orders/" + draftPo.get("id").asLong();
        assertTransition(po + "/issue", "issued", draftPo.get("updated-at").asString());
        assertRefused(po + "/issue", "order_header");
        assertTransition(po + "/close", "closed", null);
        assertRefused(po + "/cancel", "order_header");

        JsonNode approved = first("/api/invoices?status=approved&paid=false&limit=1&fields=[\"id\",\"updated-at\"]");
        String invoice = "/api/invoices/" + approved.get("id").asLong();
        assertRefused(invoice + "/abandon", "invoice_header");
        assertRefused(invoice + "/dispute", "invoice_header");
        assertTransition(invoice + "/void", "voided", approved.get("updated-at").asString());
        assertRefused(invoice + "/void", "invoice_header");

        JsonNode pending = first("/api/invoices?status=pending_approval&limit=1&fields=[\"id\"]");
        String disputed = "/api/invoices/" + pending.get("id").asLong();
        assertTransition(disputed + "/dispute", "disputed", null);
        assertTransition(disputed + "/abandon", "abandoned", null);
        assertRefused(disputed + "/submit", "invoice_header");

        JsonNode approval = first("/api/approvals?status=pending_approval&limit=1&fields=[\"id\"]");
        String hold = "/api/approvals/" + approval.get("id").asLong();
        assertTransition(hold + "/hold", "on_hold", null);
        assertRefused(hold + "/hold", "approval");
    }

    private static void assertTransition(String path, String status, String updatedBefore) {
        HttpResponse<String> response = http.json("PUT", path, token, null);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        JsonNode record = SandboxHttp.parse(response);
        assertThat(record.get("status").asString()).as(path).isEqualTo(status);
        if (updatedBefore != null) {
            assertThat(java.time.OffsetDateTime.parse(record.get("updated-at").asString()))
                    .isAfter(java.time.OffsetDateTime.parse(updatedBefore));
        }
    }

    private static void assertRefused(String path, String errorKey) {
        HttpResponse<String> response = http.json("PUT", path, token, null);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(400);
        assertThat(SandboxHttp.parse(response).get("errors").has(errorKey)).as(response.body()).isTrue();
    }
}
