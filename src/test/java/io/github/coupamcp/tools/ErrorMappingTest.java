package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.coupa.CoupaException;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every CoupaException subtype becomes an actionable isError outcome; the server keeps serving. */
class ErrorMappingTest {
    private final ToolHarness h = new ToolHarness();

    private ToolOutcome failing(Supplier<RuntimeException> failure, String tool, String args) {
        h.coupa.failWith(failure);
        ToolOutcome out = h.call(tool, args);
        h.coupa.failWith(null);
        assertThat(out.isError()).isTrue();
        assertThat(out.structured()).isNull();
        assertThat(out.text()).doesNotContain("Exception", "\tat ", "Bearer");
        return out;
    }

    @Test
    void badRequestShowsCoupasMessages() {
        ToolOutcome out = failing(() -> new CoupaException.BadRequest("400", List.of("Invalid filter supplier[foo]",
                "Try again"), "GET", "/api/invoices", "r-1"), "list_invoices", "{}");
        assertThat(out.text()).isEqualTo("Coupa rejected the request: Invalid filter supplier[foo]; Try again "
                + "(Coupa request id r-1). Adjust the arguments and call list_invoices again.");
    }

    @Test
    void aHugeErrorStillFitsTheResponseBudget() {
        ToolHarness small = new ToolHarness(ServerConfig.MIN_RESPONSE_BUDGET);
        small.coupa.failWith(() -> new CoupaException.BadRequest("400",
                java.util.Collections.nCopies(500, "Invoice line 7: account segment 3 is invalid"),
                "GET", "/api/invoices", "r-9"));
        ToolOutcome out = small.call("list_invoices", "{}");
        assertThat(out.isError()).isTrue();
        assertThat(io.github.coupamcp.shape.ResponseBudget.measure(io.github.coupamcp.json.Json.object(), out.text()))
                .isLessThanOrEqualTo(ServerConfig.MIN_RESPONSE_BUDGET);
        assertThat(out.text()).startsWith("Coupa rejected the request: Invoice line 7")
                .endsWith("(message cut to fit the response budget)");
    }

    @Test
    void forbiddenNamesTheMissingScope() {
        ToolOutcome out = failing(() -> new CoupaException.Forbidden("403", "core.invoice.read", "GET",
                "/api/invoices", "r-2"), "list_invoices", "{}");
        assertThat(out.text()).contains("lacks the scope core.invoice.read")
                .contains("The operator must grant core.invoice.read").contains("COUPA_SCOPES");
    }

    @Test
    void forbiddenWithoutAScopeFallsBackToTheToolsScope() {
        ToolOutcome out = failing(() -> new CoupaException.Forbidden("403", null, "GET", "/api/suppliers", null),
                "list_suppliers", "{}");
        assertThat(out.text()).contains("lacks the scope core.supplier.read");
    }

    @Test
    void authFailureTellsTheOperatorWhatToCheck() {
        ToolOutcome out = failing(() -> new CoupaException.AuthFailed("401", "GET", "/api/invoices", null),
                "list_invoices", "{}");
        assertThat(out.text()).contains("rejected this server's credentials (401)")
                .contains("COUPA_CLIENT_ID and COUPA_CLIENT_SECRET");
    }

    @Test
    void rateLimitedAsksToRetryLater() {
        ToolOutcome out = failing(() -> new CoupaException.RateLimited("Coupa answered 429 Too Many Requests to PUT "
                + "/api/invoices/4/submit (1 attempt; not retried: ...)", "PUT", "/api/invoices/4/submit", null),
                "list_invoices", "{}");
        assertThat(out.text()).startsWith("Coupa answered 429 Too Many Requests to PUT /api/invoices/4/submit (1 "
                + "attempt; not retried").contains("retry in a minute").doesNotContain("even after retries");
    }

    @Test
    void aCallTheClientSideLimitCouldNotFitInItsDeadlineKeepsTheClientsAdvice() {
        String message = "GET /api/invoices would have waited about 52.0 s for the client-side rate limit (limit "
                + "4.50 req/s, 230 call(s) queued ahead), longer than the 45 s a call may take (COUPA_RETRY_DEADLINE); "
                + "nothing was sent. Make fewer calls at once or narrow the filters so fewer pages are needed, then "
                + "retry; the operator can raise COUPA_RETRY_DEADLINE.";
        ToolOutcome out = failing(() -> new CoupaException.Throttled(message, "GET", "/api/invoices", "r-9"),
                "list_invoices", "{}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).isEqualTo(message);
    }

    @Test
    void serverErrorsAndFailuresSayWhatHappened() {
        ToolOutcome gateway = failing(() -> new CoupaException.ServerError("Coupa answered HTTP 503 to GET "
                + "/api/invoices (gave up after 5 attempts)", 503, "GET", "/api/invoices", "r-3"), "list_invoices",
                "{}");
        assertThat(gateway.text()).isEqualTo("Coupa answered HTTP 503 to GET /api/invoices (gave up after 5 attempts) "
                + "(Coupa request id r-3). Retry in a minute.");
        ToolOutcome content = failing(() -> new CoupaException.ServerError("Coupa failed with HTTP 500 on GET "
                + "/api/invoices (1 attempt; not retried: ...)", 500, "GET", "/api/invoices", "r-4"), "list_invoices",
                "{}");
        assertThat(content.text()).startsWith("Coupa failed with HTTP 500 on GET /api/invoices (1 attempt; not retried")
                .contains("check the arguments").doesNotContain("unavailable", "after retries");
        ToolOutcome timeout = failing(() -> new CoupaException.Unavailable("Coupa at https://x.coupahost.com did not "
                + "answer within the 30 s read timeout on GET /api/invoices/1 (gave up after 2 attempts)", "GET",
                "/api/invoices/1", null, new java.net.SocketTimeoutException()), "get_invoice", "{\"id\": 1}");
        assertThat(timeout.text()).isEqualTo("Coupa at https://x.coupahost.com did not answer within the 30 s read "
                + "timeout on GET /api/invoices/1 (gave up after 2 attempts). Retry in a minute.");
    }

    @Test
    void anOpenCircuitSaysWhenToTryAgain() {
        ToolOutcome out = failing(() -> new CoupaException.CircuitOpen("Coupa at https://x.coupahost.com is failing: "
                + "the circuit breaker opened ..., and calls fail at once for about 20 s more; try again after that",
                java.time.Duration.ofSeconds(20), "GET", "/api/invoices", "r-5"), "list_invoices", "{}");
        assertThat(out.text()).endsWith("try again after that.").doesNotContain("Retry in a minute");
    }

    @Test
    void unexpectedResponseIsExplained() {
        ToolOutcome out = failing(() -> new CoupaException.UnexpectedResponse("html", 200, "GET", "/api/invoices",
                null), "list_invoices", "{}");
        assertThat(out.text()).startsWith("Coupa sent an unexpected answer (not the JSON asked for, HTTP 200)")
                .contains("COUPA_INSTANCE_URL");
    }

    @Test
    void misconfigurationIsForTheOperator() {
        ToolOutcome out = failing(() -> new CoupaException.Misconfigured("COUPA_INSTANCE_URL is not https"),
                "list_invoices", "{}");
        assertThat(out.text()).isEqualTo("The server is misconfigured: COUPA_INSTANCE_URL is not https. "
                + "The operator must fix the configuration; retrying will not help.");
    }

    @Test
    void notFoundOnAGetNamesTheIdAndTheListTool() {
        ToolOutcome out = failing(() -> new CoupaException.NotFound("404", "GET", "/api/suppliers/9", null),
                "get_supplier", "{\"id\": 9}");
        assertThat(out.text()).isEqualTo("No supplier with id 9. Use list_suppliers to find ids.");
    }

    @Test
    void unexpectedBugsBecomeAGenericErrorWithAReference() {
        ToolOutcome out = failing(() -> new IllegalStateException("secret-token-abc leaked?"), "list_invoices", "{}");
        assertThat(out.text()).matches("Internal error in list_invoices \\(reference [0-9a-f]{8}\\)\\. Nothing was "
                + "changed\\. Retry once; if it fails again, report the reference to the server operator\\.");
        assertThat(out.text()).doesNotContain("secret-token-abc");
    }

    @Test
    void catalogKeepsServingAfterFailures() {
        failing(() -> new IllegalStateException("boom"), "list_invoices", "{}");
        h.coupa.add("invoices", Records.invoice(1, "INV-1", "approved", 1, "A", "1.00", "USD", "2025-01-01"));
        assertThat(h.call("list_invoices", "{}").isError()).isFalse();
    }

    @Test
    void errorOutcomesSayWhatFailed() {
        assertThat(failing(() -> new CoupaException.NotFound("404", "GET", "/api/invoices/5", null), "get_invoice",
                "{\"id\":5}").failure()).isEqualTo(ToolOutcome.Failure.NOT_FOUND);
        assertThat(h.call("get_invoice", "{\"id\":0}").failure()).isEqualTo(ToolOutcome.Failure.INVALID_ARGUMENTS);
        assertThat(h.call("list_invoices", "{\"cursor\":\"garbage\"}").failure())
                .isEqualTo(ToolOutcome.Failure.INVALID_ARGUMENTS);
        assertThat(failing(() -> new CoupaException.Unavailable("down", "GET", "/api/invoices/5", null, null),
                "get_invoice", "{\"id\":5}").failure()).isEqualTo(ToolOutcome.Failure.FAILED);
        assertThat(h.call("list_invoices", "{}").failure()).isNull();
    }
}
