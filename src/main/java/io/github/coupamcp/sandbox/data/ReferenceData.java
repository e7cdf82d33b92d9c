package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Account;
import io.github.coupamcp.sandbox.data.Model.AccountType;
import io.github.coupamcp.sandbox.data.Model.Address;
import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import io.github.coupamcp.sandbox.data.Model.Commodity;
import io.github.coupamcp.sandbox.data.Model.Country;
import io.github.coupamcp.sandbox.data.Model.Currency;
import io.github.coupamcp.sandbox.data.Model.Department;
import io.github.coupamcp.sandbox.data.Model.ExpenseCategory;
import io.github.coupamcp.sandbox.data.Model.PaymentTerm;
import io.github.coupamcp.sandbox.data.Model.Uom;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed reference data of the sandbox instance: the same at every seed and scale, as in a real tenant where
 * the chart of accounts and currencies are set up once. Ids are 1-based list positions.
 */
final class ReferenceData {
    final List<Country> countries = List.of(
            new Country(1, "US", "United States"), new Country(2, "DE", "Germany"),
            new Country(3, "GB", "United Kingdom"), new Country(4, "CA", "Canada"),
            new Country(5, "FR", "France"), new Country(6, "AU", "Australia"), new Country(7, "JP", "Japan"),
            new Country(8, "IN", "India"));

    final List<Currency> currencies = List.of(
            new Currency(1, "USD", "US Dollar", "$", 2), new Currency(2, "EUR", "Euro", "€", 2),
            new Currency(3, "GBP", "British Pound", "£", 2), new Currency(4, "CAD", "Canadian Dollar", "C$", 2),
            new Currency(5, "AUD", "Australian Dollar", "A$", 2), new Currency(6, "JPY", "Japanese Yen", "¥", 0),
            new Currency(7, "CHF", "Swiss Franc", "CHF", 2), new Currency(8, "INR", "Indian Rupee", "₹", 2));

    final List<PaymentTerm> paymentTerms = List.of(
            new PaymentTerm(1, "Net 30", "Payment due 30 days after invoice date", "DaysAfterNetPaymentTerm", 30, 0,
                    "0.0"),
            new PaymentTerm(2, "Net 45", "Payment due 45 days after invoice date", "DaysAfterNetPaymentTerm", 45, 0,
                    "0.0"),
            new PaymentTerm(3, "Net 60", "Payment due 60 days after invoice date", "DaysAfterNetPaymentTerm", 60, 0,
                    "0.0"),
            new PaymentTerm(4, "2/10 Net 30", "2% discount if paid within 10 days, net 30",
                    "DaysAfterNetPaymentTerm", 30, 10, "2.0"),
            new PaymentTerm(5, "Due on Receipt", "Payment due on receipt", "DaysAfterNetPaymentTerm", 0, 0, "0.0"),
            new PaymentTerm(6, "Net 90", "Payment due 90 days after invoice date", "DaysAfterNetPaymentTerm", 90, 0,
                    "0.0"));

    final List<Address> addresses = List.of(
            new Address(1, "Headquarters", "HQ", "1 Market Street", "San Francisco", "CA", "94105", 1),
            new Address(2, "Austin Campus", "AUS", "500 W 2nd Street", "Austin", "TX", "78701", 1),
            new Address(3, "New York Office", "NYC", "250 Park Avenue", "New York", "NY", "10177", 1),
            new Address(4, "Berlin Office", "BER", "Friedrichstrasse 68", "Berlin", null, "10117", 2),
            new Address(5, "London Office", "LON", "30 St Mary Axe", "London", null, "EC3A 8BF", 3),
            new Address(6, "Toronto Office", "TOR", "100 King Street West", "Toronto", "ON", "M5X 1A9", 4));

    /** Charts of accounts: US books in USD, EU in EUR, UK in GBP. */
    final List<AccountType> accountTypes = List.of(
            new AccountType(1, "US COA", 1, "Acme Corp. (US)", 1),
            new AccountType(2, "EU COA", 2, "Acme GmbH", 4),
            new AccountType(3, "UK COA", 3, "Acme Ltd.", 5));

    final List<Department> departments = List.of(
            new Department(1, "Information Technology"), new Department(2, "Marketing"),
            new Department(3, "Finance"), new Department(4, "Operations"), new Department(5, "Human Resources"),
            new Department(6, "Research & Development"));

    private static final String[] COST_CENTERS = {"4000", "4100", "4200", "4300", "4400", "4500"};
    private static final String[][] GL = {{"6100", "Software"}, {"6200", "Hardware"}, {"6300", "Consulting"},
        {"6400", "Travel"}, {"6500", "Office Supplies"}, {"6600", "Facilities"}, {"6700", "Marketing Services"}};
    private static final String[] COMPANY = {"100", "200", "300"};
    private static final String[] TYPE_PREFIX = {"US", "EU", "UK"};

    final List<Account> accounts = buildAccounts();

    final List<Uom> uoms = List.of(new Uom(1, "EA", "Each", 0), new Uom(2, "HR", "Hour", 2),
            new Uom(3, "BX", "Box", 0), new Uom(4, "MO", "Month", 0), new Uom(5, "KG", "Kilogram", 3),
            new Uom(6, "LIC", "License", 0));

    final List<Commodity> commodities = List.of(new Commodity(1, "IT Hardware", "goods"),
            new Commodity(2, "Software", "goods"), new Commodity(3, "IT Services", "services"),
            new Commodity(4, "Office Supplies", "goods"), new Commodity(5, "Marketing Services", "services"),
            new Commodity(6, "Facilities Maintenance", "services"), new Commodity(7, "Lab Equipment", "goods"),
            new Commodity(8, "Professional Services", "services"));

    final List<CatalogItem> catalog = List.of(
            new CatalogItem(0, "Laptop - 14in business notebook", 1, 1, 142_900, false, "NB-14-PRO"),
            new CatalogItem(1, "27in 4K monitor", 1, 1, 38_950, false, "MON-27-4K"),
            new CatalogItem(2, "Docking station USB-C", 1, 1, 21_900, false, "DOCK-USBC"),
            new CatalogItem(3, "Network switch 48-port", 1, 1, 289_000, false, "SW-48P"),
            new CatalogItem(4, "Annual SaaS subscription - collaboration suite", 2, 6, 14_400, false, "SAAS-COLLAB"),
            new CatalogItem(5, "Database license - enterprise edition", 2, 6, 890_000, false, "DB-ENT"),
            new CatalogItem(6, "Security software renewal", 2, 6, 4_500, false, "SEC-REN"),
            new CatalogItem(7, "Cloud migration consulting", 3, 2, 19_500, false, "CONS-CLOUD"),
            new CatalogItem(8, "Managed IT services - monthly", 3, 4, 1_250_000, false, "MSP-MONTH"),
            new CatalogItem(9, "Help desk support hours", 3, 2, 8_500, false, "HD-HOURS"),
            new CatalogItem(10, "Copy paper A4, 5000 sheets", 4, 3, 4_299, false, "PAPER-A4"),
            new CatalogItem(11, "Ergonomic office chair", 4, 1, 54_900, false, "CHAIR-ERG"),
            new CatalogItem(12, "Printer toner cartridge", 4, 1, 12_900, false, "TONER-BK"),
            new CatalogItem(13, "Trade show booth design", 5, 1, 0, true, "MKT-BOOTH"),
            new CatalogItem(14, "Digital advertising campaign", 5, 1, 0, true, "MKT-DIGI"),
            new CatalogItem(15, "Brand strategy workshop", 5, 2, 27_500, false, "MKT-WS"),
            new CatalogItem(16, "HVAC quarterly maintenance", 6, 1, 0, true, "FAC-HVAC"),
            new CatalogItem(17, "Office cleaning services - monthly", 6, 4, 480_000, false, "FAC-CLEAN"),
            new CatalogItem(18, "Laboratory centrifuge", 7, 1, 765_000, false, "LAB-CENT"),
            new CatalogItem(19, "Pipette tips, sterile", 7, 3, 8_900, false, "LAB-TIPS"),
            new CatalogItem(20, "Legal advisory services", 8, 2, 45_000, false, "PS-LEGAL"),
            new CatalogItem(21, "Audit preparation services", 8, 0 + 2, 32_000, false, "PS-AUDIT"),
            new CatalogItem(22, "Recruiting services - placement fee", 8, 1, 0, true, "PS-RECRUIT"),
            new CatalogItem(23, "Translation services", 8, 2, 9_500, false, "PS-TRANS"),
            // targets of free-form lines created through the API (never drawn by the generator)
            new CatalogItem(24, "Free-form goods", 4, 1, 0, false, null),
            new CatalogItem(25, "Free-form services", 8, 1, 0, true, null));

    static final int FREE_FORM_QUANTITY = 24;
    static final int FREE_FORM_AMOUNT = 25;
    /** The generator draws only from the real catalog, not the free-form targets. */
    static final int GENERATED_ITEMS = 24;

    final List<ExpenseCategory> expenseCategories = List.of(new ExpenseCategory(1, "Airfare"),
            new ExpenseCategory(2, "Hotel"), new ExpenseCategory(3, "Meals"), new ExpenseCategory(4, "Taxi"),
            new ExpenseCategory(5, "Mileage"), new ExpenseCategory(6, "Conference Fees"),
            new ExpenseCategory(7, "Office Supplies"));

    /** Dispute reason codes accepted by the invoice dispute action. */
    final List<String> disputeReasons = List.of("INCORRECT-QUANTITY", "INCORRECT-PRICE", "MISSING-PO",
            "DUPLICATE-INVOICE", "GOODS-NOT-RECEIVED", "OTHER");

    private static List<Account> buildAccounts() {
        List<Account> out = new ArrayList<>();
        for (int t = 0; t < COMPANY.length; t++) {
            for (int c = 0; c < COST_CENTERS.length; c++) {
                for (String[] gl : GL) {
                    int id = out.size() + 1;
                    String code = COMPANY[t] + "-" + COST_CENTERS[c] + "-" + gl[0];
                    String deptName = shortDept(c);
                    out.add(new Account(id, t + 1, code, TYPE_PREFIX[t] + " " + deptName + " " + gl[1], COMPANY[t],
                            COST_CENTERS[c], gl[0]));
                }
            }
        }
        return List.copyOf(out);
    }

    private static String shortDept(int c) {
        return switch (c) {
            case 0 -> "IT";
            case 1 -> "Marketing";
            case 2 -> "Finance";
            case 3 -> "Operations";
            case 4 -> "HR";
            default -> "R&D";
        };
    }

    /** Account for a department's cost center and a commodity's GL code within one chart of accounts. */
    Account account(int accountType, int department, int commodity) {
        int gl = switch (commodity) {
            case 1, 7 -> 1; // hardware, lab equipment
            case 2 -> 0; // software
            case 3, 8 -> 2; // consulting / professional
            case 4 -> 4; // office supplies
            case 5 -> 6; // marketing
            default -> 5; // facilities
        };
        int index = ((accountType - 1) * COST_CENTERS.length + (department - 1)) * GL.length + gl;
        return accounts.get(index);
    }

    /** The travel GL account (6400) for expense lines. */
    Account travelAccount(int accountType, int department) {
        int index = ((accountType - 1) * COST_CENTERS.length + (department - 1)) * GL.length + 3;
        return accounts.get(index);
    }

    Currency currency(int id) {
        return currencies.get(id - 1);
    }

    Account accountById(int id) {
        return accounts.get(id - 1);
    }

    /** The currency a supplier or office in a country trades in (DE/FR EUR, GB GBP, CA CAD, otherwise USD). */
    int currencyForCountry(int country) {
        return switch (country) {
            case 2, 5 -> 2;
            case 3 -> 3;
            case 4 -> 4;
            default -> 1;
        };
    }

    /** Chart of accounts that books a currency (USD->US, EUR->EU, GBP->UK, others book in the US COA). */
    int accountTypeFor(int currency) {
        return currency == 2 ? 2 : currency == 3 ? 3 : 1;
    }
}
