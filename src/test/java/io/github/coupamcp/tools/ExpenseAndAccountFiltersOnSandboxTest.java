package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** list_expense_reports and list_accounts against the sandbox, checked against a brute-force pass over its records. */
class ExpenseAndAccountFiltersOnSandboxTest {
    private static SandboxListing sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** "Which of this employee's expense reports are not paid yet?" */
    @Test
    void unpaidReportsOfOneEmployee() {
        ObjectNode some = sandbox.records("expense_reports").get(1);
        long employee = some.path("expensed-by").path("id").asLong();
        String login = some.path("expensed-by").path("login").asString();
        List<Long> expected = sandbox.expected("expense_reports",
                r -> r.path("expensed-by").path("id").asLong() == employee && !r.path("paid").asBoolean());
        assertThat(sandbox.listed("list_expense_reports", "expense_reports",
                "{\"expensed_by_login\": \"" + login + "\", \"paid\": false}")).containsExactlyElementsOf(expected);
        assertThat(sandbox.listed("list_expense_reports", "expense_reports", "{\"expensed_by_id\": " + employee + "}"))
                .contains(some.get("id").asLong()).containsExactlyElementsOf(sandbox.expected("expense_reports",
                        r -> r.path("expensed-by").path("id").asLong() == employee));
    }

    @Test
    void expenseReportStatuses() {
        List<Long> expected = sandbox.expected("expense_reports",
                r -> List.of("pending_approval", "paid").contains(r.path("status").asString()));
        assertThat(expected).isNotEmpty();
        assertThat(sandbox.listed("list_expense_reports", "expense_reports",
                "{\"status\": [\"pending_approval\", \"paid\"]}")).containsExactlyElementsOf(expected);
    }

    @Test
    void accountsByCodePartAndChart() {
        ObjectNode some = sandbox.records("accounts").get(10);
        String part = some.get("segment-2").asString();
        long chart = some.path("account-type").path("id").asLong();
        List<Long> expected = sandbox.expected("accounts", a -> a.get("code").asString().contains(part)
                && a.path("account-type").path("id").asLong() == chart);
        assertThat(sandbox.listed("list_accounts", "accounts",
                "{\"code\": \"" + part + "\", \"account_type_id\": " + chart + "}"))
                .contains(some.get("id").asLong()).containsExactlyElementsOf(expected);
    }
}
