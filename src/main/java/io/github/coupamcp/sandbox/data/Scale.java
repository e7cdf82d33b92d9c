package io.github.coupamcp.sandbox.data;

/**
 * Size of the generated data set. SMALL is what every test uses (a few hundred records, generated in well
 * under a second); MEDIUM is a realistic mid-size instance; LARGE is for benchmarks (>= 100k invoices).
 */
public enum Scale {
    SMALL(40, 30, 300, 120, 80, 30, 40),
    MEDIUM(400, 200, 10_000, 4_000, 2_500, 300, 1_500),
    LARGE(2_000, 1_000, 100_000, 40_000, 25_000, 2_000, 15_000);

    final int suppliers;
    final int users;
    final int invoices;
    final int purchaseOrders;
    final int requisitions;
    final int contracts;
    final int expenseReports;

    Scale(int suppliers, int users, int invoices, int purchaseOrders, int requisitions, int contracts,
            int expenseReports) {
        this.suppliers = suppliers;
        this.users = users;
        this.invoices = invoices;
        this.purchaseOrders = purchaseOrders;
        this.requisitions = requisitions;
        this.contracts = contracts;
        this.expenseReports = expenseReports;
    }

    public int invoices() {
        return invoices;
    }

    public int suppliers() {
        return suppliers;
    }

    public int users() {
        return users;
    }

    /** Purchase orders generated (requisition-backed ones included). */
    public int purchaseOrders() {
        return purchaseOrders;
    }

    public int requisitions() {
        return requisitions;
    }

    public int contracts() {
        return contracts;
    }

    public int expenseReports() {
        return expenseReports;
    }

    /** Parses {@code small|medium|large}, case-insensitive. */
    public static Scale parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown scale '" + text + "' (expected small, medium or large)");
        }
    }
}
