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

    /** By exact code; the chart of accounts narrows a code that several charts use. */
    @Test
    void getAccountByCode() {
        ObjectNode account = sandbox.records("accounts").get(20);
        String code = account.get("code").asString();
        long chart = account.path("account-type").path("id").asLong();
        ToolOutcome narrowed = sandbox.call("get_account",
                "{\"code\": \"" + code + "\", \"account_type_id\": " + chart + "}");
        assertThat(narrowed.isError()).as(narrowed.text()).isFalse();
        assertThat(narrowed.structured().path("item").path("id").asLong()).isEqualTo(account.get("id").asLong());
        long sameCode = sandbox.records("accounts").stream().filter(a -> a.get("code").asString().equals(code)).count();
        ToolOutcome byCode = sandbox.call("get_account", "{\"code\": \"" + code + "\"}");
        assertThat(byCode.isError()).as(byCode.text()).isEqualTo(sameCode > 1);
    }

    @Test
    void getExpenseReportInFull() {
        ObjectNode report = sandbox.records("expense_reports").get(4);
        ToolOutcome out = sandbox.call("get_expense_report", "{\"id\": " + report.get("id").asLong()
                + ", \"detail\": \"full\"}");
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(out.structured().path("item").path("title").asString()).isEqualTo(report.get("title").asString());
        assertThat(out.structured().path("item").path("total").asString()).isEqualTo(report.get("total").asString());
    }
}
