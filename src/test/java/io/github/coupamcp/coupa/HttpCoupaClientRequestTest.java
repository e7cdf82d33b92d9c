package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** What the client sends: headers, token request, query encoding, paths and bodies. */
class HttpCoupaClientRequestTest extends ClientTestSupport {

    @Test
    void sendsJsonAcceptUserAgentBearerTokenAndRequestId() {
        stub.enqueue(json(200, "[{\"id\":1,\"status\":\"approved\"}]"));
        List<ObjectNode> records = client().list("invoices", CoupaQuery.all());

        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("status").asString()).isEqualTo("approved");
        RecordedRequest r = stub.apiRequests.get(0);
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/invoices");
        assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(r.getHeaders().get("User-Agent")).matches("coupa-mcp/\\S+");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(r.getHeaders().get("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(r.getUrl().queryParameter("limit")).isEqualTo("50");
    }

    @Test
    void requestsTheTokenWithClientCredentialsAndSpaceSeparatedScopes() {
        stub.enqueue(json(200, "[]"));
        client().list("invoices", CoupaQuery.all());

        assertThat(stub.tokenRequests).hasSize(1);
        RecordedRequest t = stub.tokenRequests.get(0);
        assertThat(t.getMethod()).isEqualTo("POST");
        assertThat(t.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(t.getHeaders().get("Accept")).isEqualTo("application/json");
        String form = t.getBody().utf8();
        assertThat(form).contains("grant_type=client_credentials", "client_id=mcp-client",
                "scope=core.invoice.read+core.supplier.read");
    }

    @Test
    void encodesOperatorsNestedAttributesAndFieldsJson() {
        stub.enqueue(json(200, "[]"));
        CoupaQuery q = CoupaQuery.builder()
                .filter("status", Op.IN, "approved", "voided")
                .filter("supplier[name]", Op.CONTAINS, "Acme & Sons")
                .filter("updated-at", Op.GT_OR_EQ, "2026-01-01T00:00:00+01:00")
                .filter("total", Op.NOT_EQ, "0")
                .orderBy("invoice-date", CoupaQuery.Direction.DESC)
                .fields(Fields.of("id", "invoice-number", Fields.nested("supplier", "id", "name")))
                .returnObject(CoupaQuery.ReturnObject.LIMITED)
                .limit(500)
                .offset(100)
                .build();
        client().list("invoices", q);

        RecordedRequest r = stub.apiRequests.get(0);
        String target = r.getTarget();
        // Brackets, commas, quotes, ':' and '+' are percent-encoded: Coupa decodes them, proxies do not mangle them.
        assertThat(target).contains("status%5Bin%5D=approved%2Cvoided")
                .contains("supplier%5Bname%5D%5Bcontains%5D=Acme%20%26%20Sons")
                .contains("updated-at%5Bgt_or_eq%5D=2026-01-01T00%3A00%3A00%2B01%3A00")
                .contains("fields=%5B%22id%22%2C%22invoice-number%22%2C%7B%22supplier%22%3A%5B%22id%22%2C%22name%22%5D%7D%5D");
        assertThat(r.getUrl().queryParameter("status[in]")).isEqualTo("approved,voided");
        assertThat(r.getUrl().queryParameter("supplier[name][contains]")).isEqualTo("Acme & Sons");
        assertThat(r.getUrl().queryParameter("total[not_eq]")).isEqualTo("0");
        assertThat(r.getUrl().queryParameter("updated-at[gt_or_eq]")).isEqualTo("2026-01-01T00:00:00+01:00");
        assertThat(r.getUrl().queryParameter("fields"))
                .isEqualTo("[\"id\",\"invoice-number\",{\"supplier\":[\"id\",\"name\"]}]");
        assertThat(r.getUrl().queryParameter("order_by")).isEqualTo("invoice-date");
        assertThat(r.getUrl().queryParameter("dir")).isEqualTo("desc");
        assertThat(r.getUrl().queryParameter("return_object")).isEqualTo("limited");
        assertThat(r.getUrl().queryParameter("limit")).isEqualTo("50");
        assertThat(r.getUrl().queryParameter("offset")).isEqualTo("100");
    }

    @Test
    void anInstanceBehindAPathPrefixGetsThePrefixOnEveryRequest() {
        stub.enqueue(json(200, "{\"id\":12}"));
        HttpCoupaClient client = client(b -> b.instanceUrl("http://127.0.0.1:" + server.getPort() + "/coupa/"));
        client.get("invoices", 12, null);

        assertThat(stub.tokenRequests.get(0).getUrl().encodedPath()).isEqualTo("/coupa/oauth2/token");
        assertThat(stub.apiRequests.get(0).getUrl().encodedPath()).isEqualTo("/coupa/api/invoices/12");
    }

    @Test
    void getsOneRecordWithProjection() {
        stub.enqueue(json(200, "{\"id\":12,\"invoice-number\":\"INV-12\"}"));
        ObjectNode record = client().get("invoices", 12, Fields.of("id", "invoice-number"));

        assertThat(record.get("invoice-number").asString()).isEqualTo("INV-12");
        RecordedRequest r = stub.apiRequests.get(0);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/api/invoices/12");
        assertThat(r.getUrl().queryParameter("fields")).isEqualTo("[\"id\",\"invoice-number\"]");
    }

    @Test
    void postsJsonBodiesAndPutsActions() {
        stub.enqueue(json(201, "{\"id\":77,\"status\":\"draft\"}"));
        stub.enqueue(json(200, "{\"id\":77,\"status\":\"pending_approval\"}"));
        HttpCoupaClient client = client();
        ObjectNode body = Json.object().put("invoice-number", "DEMO-01");

        assertThat(client.create("invoices", body, null).get("id").asLong()).isEqualTo(77);
        assertThat(client.action("invoices", 77, "submit", null, Fields.of("id", "status")).get("status").asString())
                .isEqualTo("pending_approval");

        RecordedRequest post = stub.apiRequests.get(0);
        assertThat(post.getMethod()).isEqualTo("POST");
        assertThat(post.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(post.getBody().utf8()).isEqualTo("{\"invoice-number\":\"DEMO-01\"}");
        RecordedRequest put = stub.apiRequests.get(1);
        assertThat(put.getMethod()).isEqualTo("PUT");
        assertThat(put.getUrl().encodedPath()).isEqualTo("/api/invoices/77/submit");
    }

    @Test
    void updatesWithPut() {
        stub.enqueue(json(200, "{\"id\":5,\"exported\":true}"));
        ObjectNode out = client().update("invoices", 5, Json.object().put("exported", true), null);
        assertThat(out.get("exported").asBoolean()).isTrue();
        assertThat(stub.apiRequests.get(0).getMethod()).isEqualTo("PUT");
        assertThat(stub.apiRequests.get(0).getUrl().encodedPath()).isEqualTo("/api/invoices/5");
    }

    @Test
    void refusesResourceAndActionNamesThatCouldEscapeThePath() {
        HttpCoupaClient client = client();
        assertThatThrownBy(() -> client.list("../oauth2", CoupaQuery.all())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.get("invoices?x=1", 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.action("invoices", 1, "submit/../void", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.get("invoices", 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stub.apiRequests).isEmpty();
    }

    @Test
    void oneTokenServesManyCalls() {
        for (int i = 0; i < 5; i++) {
            stub.enqueue(json(200, "[]"));
        }
        HttpCoupaClient client = client();
        for (int i = 0; i < 5; i++) {
            client.list("suppliers", CoupaQuery.all());
        }
        assertThat(stub.tokenRequests).hasSize(1);
        assertThat(client.metrics().tokenFetches()).isEqualTo(1);
        assertThat(client.metrics().requests()).isEqualTo(5);
        assertThat(stub.apiRequests).allSatisfy(r ->
                assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1"));
        assertThat(stub.apiRequests.stream().map(r -> r.getHeaders().get("X-Request-Id")).distinct()).hasSize(5);
    }
}
