package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.Model.ExpenseLine;
import io.github.coupamcp.sandbox.data.Model.ExpenseReport;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/expense_reports} with their expense lines (core.expense.read). */
final class ExpenseReportCollection extends BaseCollection<ExpenseReport> {
    ExpenseReportCollection(World world) {
        super(world, world.expenseReports, "expense_reports", "expense-report", "expense-reports",
                "core.expense.read", null);
    }

    @Override
    ObjectNode render(ExpenseReport r) {
        NestedNodes nodes = world.nodes;
        long total = 0;
        for (ExpenseLine l : r.lines()) {
            total += l.amountCents();
        }
        String created = Formats.dateTime(r.createdAt());
        String updated = Formats.dateTime(r.updatedAt());
        ObjectNode n = Trees.stamped(r.id(), created, updated);
        n.put("title", r.title());
        n.put("status", r.status());
        n.put("total", Formats.money(total));
        n.put("reimbursable-total-amount", Formats.money(total));
        n.set("reimbursable-total-currency", nodes.currency(r.currency()));
        n.put("submitted-at", r.submittedAt() == 0 ? null : Formats.dateTime(r.submittedAt()));
        n.put("start-date", Formats.day(minDay(r)));
        n.put("end-date", Formats.day(maxDay(r)));
        n.put("report-due-date", Formats.day(maxDay(r) + 30));
        n.put("paid", r.status().equals("paid"));
        n.put("exported", r.status().equals("paid") || r.status().equals("scheduled_for_payment"));
        n.putNull("last-exported-at");
        n.put("audit-score", (int) (r.id() % 7));
        n.putNull("auditor-note");
        n.putNull("reject-reason");
        n.put("past-due", false);
        n.put("is-trip", r.title().startsWith("Customer") || r.title().startsWith("Trade"));
        n.putNull("external-src-ref");
        n.putNull("external-src-name");
        n.set("currency", nodes.currency(r.currency()));
        n.set("expensed-by", nodes.userSimple(r.expensedBy()));
        n.set("submitted-by", r.submittedAt() == 0 ? null : nodes.userSimple(r.expensedBy()));
        n.set("expense-lines", lines(r, created, updated));
        n.set("approvals", Json.array());
        n.set("comments", Json.array());
        n.set("created-by", nodes.userSimple(r.expensedBy()));
        n.set("updated-by", nodes.userSimple(r.expensedBy()));
        ObjectNode cf = Json.object();
        cf.put("cf-trip-purpose", r.title().substring(0, r.title().indexOf(" - ")));
        n.set("custom-fields", cf);
        NestedNodes.applyPatch(n, r.patch());
        return n;
    }

    private ArrayNode lines(ExpenseReport r, String created, String updated) {
        NestedNodes nodes = world.nodes;
        ArrayNode arr = Json.array();
        for (ExpenseLine l : r.lines()) {
            ObjectNode n = Trees.stamped(l.id(), created, updated);
            n.put("line-number", l.lineNum());
            n.put("expense-report-id", r.id());
            n.put("type", "ExpenseLine");
            n.put("description", l.description() + " - " + l.merchant());
            n.put("merchant", l.merchant());
            n.put("amount", Formats.money(l.amountCents()));
            n.put("approved-amount", Formats.money(l.amountCents()));
            n.put("accounting-total", Formats.money(l.amountCents()));
            n.put("expense-date", Formats.day(l.expenseDate()));
            n.put("employee-reimbursable", true);
            n.put("requires-receipt", l.amountCents() >= 7500);
            n.put("over-limit", false);
            n.put("status", r.status());
            n.putNull("reason");
            n.put("exchange-rate", "1.0");
            n.set("currency", nodes.currency(r.currency()));
            n.set("accounting-total-currency", nodes.currency(r.currency()));
            n.set("expense-category", category(l.category()));
            n.set("account", nodes.account(l.account()));
            n.set("expensed-by", nodes.userSimple(r.expensedBy()));
            n.set("expense-attendees", Json.array());
            n.set("expense-line-taxes", Json.array());
            n.set("account-allocations", Json.array());
            n.set("created-by", nodes.userSimple(r.expensedBy()));
            n.set("updated-by", nodes.userSimple(r.expensedBy()));
            arr.add(n);
        }
        return arr;
    }

    private ObjectNode category(int id) {
        ObjectNode c = Json.object();
        c.put("id", id);
        c.put("name", world.ref.expenseCategories.get(id - 1).name());
        c.put("active", true);
        return c;
    }

    private static int minDay(ExpenseReport r) {
        int d = Integer.MAX_VALUE;
        for (ExpenseLine l : r.lines()) {
            d = Math.min(d, l.expenseDate());
        }
        return d;
    }

    private static int maxDay(ExpenseReport r) {
        int d = Integer.MIN_VALUE;
        for (ExpenseLine l : r.lines()) {
            d = Math.max(d, l.expenseDate());
        }
        return d;
    }

    @Override
    public Set<String> customFieldNames() {
        return Set.of("cf-trip-purpose");
    }
}
