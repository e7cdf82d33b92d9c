package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** list_approvals by approver, by document and by status, checked against a brute-force pass over the sandbox. */
class ApprovalFiltersOnSandboxTest {
    private static SandboxListing sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** "What is waiting on this approver?" */
    @Test
    void pendingApprovalsOfOneApprover() {
        ObjectNode pending = sandbox.records("approvals").stream()
                .filter(a -> a.path("status").asString().equals("pending_approval")).findFirst().orElseThrow();
        long approver = pending.get("approver-id").asLong();
        String login = pending.path("approver").path("login").asString();
        List<Long> expected = sandbox.expected("approvals", a -> a.get("approver-id").asLong() == approver
                && a.path("status").asString().equals("pending_approval"));
        assertThat(sandbox.listed("list_approvals", "approvals",
                "{\"approver_login\": \"" + login + "\", \"status\": [\"pending_approval\"]}"))
                .isNotEmpty().containsExactlyElementsOf(expected);
        assertThat(sandbox.listed("list_approvals", "approvals",
                "{\"approver_id\": " + approver + ", \"status\": [\"pending_approval\"]}"))
                .containsExactlyElementsOf(expected);
    }

    /** A document's whole chain, and nothing of another document type with the same id. */
    @Test
    void theChainOfOneDocument() {
        ObjectNode step = sandbox.records("approvals").stream()
                .filter(a -> a.path("approvable-type").asString().equals("RequisitionHeader")).findFirst().orElseThrow();
        long document = step.get("approvable-id").asLong();
        List<Long> expected = sandbox.expected("approvals", a -> a.get("approvable-id").asLong() == document
                && a.path("approvable-type").asString().equals("RequisitionHeader"));
        assertThat(sandbox.listed("list_approvals", "approvals",
                "{\"document_type\": \"RequisitionHeader\", \"document_id\": " + document + "}"))
                .isNotEmpty().containsExactlyElementsOf(expected);
        ToolOutcome page = sandbox.call("list_approvals",
                "{\"document_type\": \"RequisitionHeader\", \"document_id\": " + document + "}");
        for (JsonNode item : page.structured().get("items")) {
            assertThat(item.path("approver").path("name").asString()).isNotEmpty();
            assertThat(item.path("approvable_type").asString()).isEqualTo("RequisitionHeader");
        }
    }

    @Test
    void severalStatuses() {
        List<Long> expected = sandbox.expected("approvals",
                a -> List.of("rejected", "on_hold").contains(a.path("status").asString()));
        assertThat(expected).isNotEmpty();
        assertThat(sandbox.listed("list_approvals", "approvals", "{\"status\": [\"rejected\", \"on_hold\"]}"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aBadDocumentTypeIsAClearError() {
        ToolOutcome out = sandbox.call("list_approvals", "{\"document_type\": \"invoice; drop\"}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("document_type");
    }
}
