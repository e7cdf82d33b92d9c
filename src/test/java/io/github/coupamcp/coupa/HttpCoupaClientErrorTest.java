package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/** Error mapping and bodies that are not the JSON asked for. */
class HttpCoupaClientErrorTest extends ClientTestSupport {

    @Test
    void notFound() {
        stub.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/xml")
                .body("<?xml version=\"1.0\"?><errors><error>No results match your search criteria.</error></errors>")
                .build());
        assertThatThrownBy(() -> warmClient().get("invoices", 404404, null))
                .isInstanceOfSatisfying(CoupaException.NotFound.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.path()).isEqualTo("/api/invoices/404404");
                    assertThat(e.coupaMessages()).containsExactly("No results match your search criteria.");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void badRequestCarriesCoupaJsonErrorsKeyedByObject() {
        stub.enqueue(json(400, "{\"errors\":{\"invoice-header\":[\"Invoice number has already been taken\","
                + "\"Supplier can't be blank\"]}}"));
        assertThatThrownBy(() -> warmClient().create("invoices", io.github.coupamcp.json.Json.object(), null))
                .isInstanceOfSatisfying(CoupaException.BadRequest.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.coupaMessages()).containsExactly(
                            "invoice-header: Invoice number has already been taken",
                            "invoice-header: Supplier can't be blank");
                    assertThat(e.getMessage()).contains("Supplier can't be blank");
                    assertThat(e.method()).isEqualTo("POST");
                });
    }

    @Test
    void badRequestCarriesCoupaJsonErrorList() {
        stub.enqueue(json(400, "{\"errors\":[\"Invalid filter: bogus\"]}"));
        assertThatThrownBy(() -> warmClient().list("invoices", CoupaQuery.builder().eq("bogus", "1").build()))
                .isInstanceOfSatisfying(CoupaException.BadRequest.class,
                        e -> assertThat(e.coupaMessages()).containsExactly("Invalid filter: bogus"));
    }

    @Test
    void badRequestCarriesCoupaXmlErrorsIncludingCdata() {
        stub.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/xml")
                .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error><![CDATA[Segment 1 - Cost Center "
                        + "can't be blank.]]></error>\n  <error>Status &amp; state invalid</error>\n</errors>")
                .build());
        assertThatThrownBy(() -> warmClient().action("invoices", 3, "void", null, null))
                .isInstanceOfSatisfying(CoupaException.BadRequest.class, e -> assertThat(e.coupaMessages())
                        .containsExactly("Segment 1 - Cost Center can't be blank.", "Status & state invalid"));
    }

    @Test
    void otherClientErrorsKeepTheirStatus() {
        stub.enqueue(json(422, "{\"errors\":[\"Unprocessable\"]}"));
        assertThatThrownBy(() -> warmClient().get("invoices", 1, null))
                .isInstanceOfSatisfying(CoupaException.BadRequest.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    @Test
    void a500IsAServerErrorWithoutRetry() {
        stub.enqueue(json(500, "{\"errors\":[\"Internal error\"]}"));
        HttpCoupaClient client = warmClient();
        assertThatThrownBy(() -> client.get("invoices", 1, null))
                .isInstanceOfSatisfying(CoupaException.ServerError.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.coupaMessages()).containsExactly("Internal error");
                });
        assertThat(stub.apiRequests).hasSize(1);
    }

    @Test
    void xmlWhereJsonWasExpectedIsReportedNotParsed() {
        stub.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/xml")
                .body("<?xml version=\"1.0\"?><invoice-headers type=\"array\"><invoice-header><id>1</id>"
                        + "</invoice-header></invoice-headers>").build());
        assertThatThrownBy(() -> warmClient().list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.UnexpectedResponse.class, e -> {
                    assertThat(e.getMessage()).contains("XML", "Accept");
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void xmlLabelledAsJsonIsStillDetected() {
        stub.enqueue(json(200, "<invoice-header><id>1</id></invoice-header>"));
        assertThatThrownBy(() -> warmClient().get("invoices", 1, null))
                .isInstanceOfSatisfying(CoupaException.UnexpectedResponse.class,
                        e -> assertThat(e.getMessage()).contains("XML"));
    }

    @Test
    void htmlPageIsReported() {
        stub.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html><html><body>Scheduled maintenance</body></html>").build());
        assertThatThrownBy(() -> warmClient().list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.UnexpectedResponse.class,
                        e -> assertThat(e.getMessage()).contains("HTML page"));
    }

    @Test
    void htmlErrorPageOn502IsRetriedThenServerErrorWithoutHtmlInMessages() {
        stub.fallback(r -> new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());
        assertThatThrownBy(() -> warmClient(b -> b.maxAttempts(2)).list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.ServerError.class,
                        e -> assertThat(e.coupaMessages()).isEmpty());
    }

    @Test
    void truncatedJsonIsReported() {
        stub.enqueue(json(200, "[{\"id\":1,\"status\":\"appr"));
        assertThatThrownBy(() -> warmClient().list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.UnexpectedResponse.class,
                        e -> assertThat(e.getMessage()).contains("truncated or malformed JSON"));
    }

    @Test
    void malformedJsonIsReported() {
        stub.enqueue(json(200, "{\"id\": 1,, }"));
        assertThatThrownBy(() -> warmClient().get("invoices", 1, null))
                .isInstanceOf(CoupaException.UnexpectedResponse.class);
    }

    @Test
    void plainTextAndEmptyBodiesAreReported() {
        stub.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain").body("OK").build());
        stub.enqueue(json(200, ""));
        HttpCoupaClient client = warmClient();
        assertThatThrownBy(() -> client.get("invoices", 1, null))
                .isInstanceOfSatisfying(CoupaException.UnexpectedResponse.class,
                        e -> assertThat(e.getMessage()).contains("non-JSON"));
        assertThatThrownBy(() -> client.get("invoices", 1, null))
                .isInstanceOfSatisfying(CoupaException.UnexpectedResponse.class,
                        e -> assertThat(e.getMessage()).contains("empty body"));
    }

    @Test
    void aBodyCutOffMidStreamIsRetriedForGetsThenReportedAsTruncated() {
        stub.fallback(r -> new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body("[{\"id\":1},{\"id\":2},{\"id\":3}]".repeat(200))
                .onResponseBody(new SocketEffect.CloseSocket(true, true, true)).build());
        HttpCoupaClient client = warmClient(b -> b.maxAttempts(2));
        assertThatThrownBy(() -> client.list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.class, e -> {
                    assertThat(e).isInstanceOfAny(CoupaException.UnexpectedResponse.class,
                            CoupaException.Unavailable.class);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(stub.apiRequests).hasSize(2);
    }

    @Test
    void anObjectWhereAListWasExpectedIsReported() {
        stub.enqueue(json(200, "{\"id\":1}"));
        assertThatThrownBy(() -> warmClient().list("invoices", CoupaQuery.all()))
                .isInstanceOfSatisfying(CoupaException.UnexpectedResponse.class,
                        e -> assertThat(e.getMessage()).contains("where a list was expected"));
    }
}
