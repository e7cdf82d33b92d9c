package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.ExpenseLine;
import io.github.coupamcp.sandbox.data.Model.ExpenseReport;
import io.github.coupamcp.sandbox.data.Model.User;
import java.time.LocalDate;
import java.util.SplittableRandom;

/** Expense reports with travel lines, every CSV-export status present. */
final class ExpenseGenerator extends GeneratorPart {
    private static final int[] EXPENSE_WEIGHTS = {8, 3, 12, 2, 15, 3, 5, 5, 47};

    ExpenseGenerator(World world, Scale scale, SplittableRandom rnd, State state) {
        super(world, scale, rnd, state);
    }

    void expenseReports() {
        int n = scale.expenseReports;
        for (int i = 0; i < n; i++) {
            int f = forced(i, n, Generator.EXPENSE_STATUSES.length);
            String status = Generator.EXPENSE_STATUSES[f >= 0 ? f : weighted(EXPENSE_WEIGHTS)];
            long id = w.expenseReportSeq.incrementAndGet();
            int user = anyUser();
            User u = w.user(user);
            int day = pastDay();
            int lineCount = 1 + pick(5);
            ExpenseLine[] lines = new ExpenseLine[lineCount];
            int accountType = ref.accountTypeFor(u.defaultCurrency());
            for (int k = 0; k < lineCount; k++) {
                int category = 1 + pick(ref.expenseCategories.size());
                long amount = switch (category) {
                    case 1 -> 25_000 + pick(90_000);
                    case 2 -> 12_000 + pick(40_000);
                    case 6 -> 50_000 + pick(150_000);
                    default -> 800 + pick(9_000);
                };
                lines[k] = new ExpenseLine(w.expenseLineSeq.incrementAndGet(), k + 1, category, amount,
                        day - pick(10), pick(Names.MERCHANTS), ref.expenseCategories.get(category - 1).name(),
                        ref.travelAccount(accountType, u.department()).id());
            }
            long created = timeOn(day);
            long submitted = status.equals("draft") || status.equals("working") ? 0 : created + 7200;
            String title = pick(Names.TRIPS) + " - " + LocalDate.ofEpochDay(day).getMonth().getDisplayName(
                    java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH) + " " + LocalDate.ofEpochDay(day)
                            .getYear();
            w.expenseReports.put(id, new ExpenseReport(id, title, user, status, u.defaultCurrency(), submitted, lines,
                    created, later(created, 20), null));
        }
    }
}
