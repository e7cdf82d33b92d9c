package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Account;
import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import io.github.coupamcp.sandbox.data.Model.Supplier;
import io.github.coupamcp.sandbox.data.Model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Users (with managers and approvers) and suppliers (contacts, addresses, terms), plus the catalog index. */
final class MasterDataGenerator extends GeneratorPart {
    MasterDataGenerator(World world, Scale scale, SplittableRandom rnd, State state) {
        super(world, scale, rnd, state);
    }

    void indexCatalog() {
        state.itemsByCommodity = new ArrayList<>();
        for (int c = 0; c <= ref.commodities.size(); c++) {
            state.itemsByCommodity.add(new ArrayList<>());
        }
        for (CatalogItem item : ref.catalog.subList(0, ReferenceData.GENERATED_ITEMS)) {
            state.itemsByCommodity.get(item.commodity()).add(item);
        }
    }

    void users() {
        int n = scale.users;
        int heads = ref.departments.size();
        List<Integer> approverList = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            String first = Names.FIRST[pick(Names.FIRST.length)];
            String last = Names.LAST[pick(Names.LAST.length)];
            String login = (first.charAt(0) + last).toLowerCase(java.util.Locale.ROOT);
            if (w.userByLogin.containsKey(login)) {
                login = login + id;
            }
            int dept = id <= heads ? id : 1 + pick(heads);
            int manager = id == 1 ? 0 : id <= heads ? 1 : dept;
            int address = 1 + pick(ref.addresses.size());
            int currency = ref.currencyForCountry(addressCountry(address));
            int accountType = ref.accountTypeFor(currency);
            Account account = ref.account(accountType, dept, 4);
            long created = seconds(ANCHOR_DAY - HISTORY_DAYS - 30) + pick(30 * 86_400);
            User u = new User(id, login, login + "@acme-corp.com", first, last, "E" + (10_000 + id), dept, manager,
                    address, account.id(), currency, chance(95) || id <= heads, created, later(created, 300), null);
            w.users.put((long) id, u);
            w.indexUser(u);
            if (id <= heads || dept == 3 && approverList.size() < 12) {
                approverList.add(id);
            }
        }
        state.approvers = approverList.stream().mapToInt(Integer::intValue).toArray();
    }

    void suppliers() {
        int n = scale.suppliers;
        state.supplierCommodity = new int[n + 1];
        int prefixes = Names.SUPPLIER_PREFIX.length;
        int cores = Names.SUPPLIER_CORE.length;
        int combos = prefixes * cores;
        for (int id = 1; id <= n; id++) {
            int slot = (int) (((long) (id - 1) * 7919) % combos);
            String prefix = Names.SUPPLIER_PREFIX[slot % prefixes];
            String core = Names.SUPPLIER_CORE[slot / prefixes];
            int country = countryForSupplier();
            String name = prefix + " " + core + " " + legalForm(country) + (id > combos ? " " + (id / combos + 1) : "");
            String number = "SUP-" + (1000 + id);
            state.supplierCommodity[id] = 1 + pick(ref.commodities.size());
            String[] cityState = cityState(country);
            String given = Names.FIRST[pick(Names.FIRST.length)];
            String family = Names.LAST[pick(Names.LAST.length)];
            String domain = (prefix + "-" + core).toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".com";
            int statusRoll = pick(100);
            String status = statusRoll < 90 ? "active" : statusRoll < 95 ? "inactive" : "draft";
            String poMethod = pick(new String[] {"email", "email", "email", "cxml", "cxml", "prompt", "mark_as_sent"});
            String matching = pick(new String[] {"3-way", "3-way", "2-way", "2-way", "none"});
            long created = seconds(ANCHOR_DAY - HISTORY_DAYS - 20) + pick(20 * 86_400);
            int creator = anyUser();
            Supplier s = new Supplier(id, name, number, status, poMethod, matching,
                    1 + pick(ref.paymentTerms.size()), ref.currencyForCountry(country), given, family,
                    given.toLowerCase(java.util.Locale.ROOT) + "." + family.toLowerCase(java.util.Locale.ROOT) + "@"
                            + domain,
                    (200 + pick(700)) + "-555-0" + (100 + pick(900)), (1 + pick(9800)) + " " + pick(Names.STREETS),
                    cityState[0], cityState[1], postal(country), country,
                    String.format("%02d-%07d", 10 + pick(89), pick(10_000_000)),
                    String.format("%09d", pick(1_000_000_000)), "https://www." + domain, chance(3), creator,
                    creator, created, later(created, 400), null);
            w.suppliers.put((long) id, s);
            w.indexSupplier(s);
        }
        w.supplierSeq.set(n);
    }

    private int countryForSupplier() {
        int r = pick(100);
        return r < 60 ? 1 : r < 72 ? 2 : r < 84 ? 3 : r < 92 ? 4 : 5;
    }

    private static String legalForm(int country) {
        return switch (country) {
            case 2 -> "GmbH";
            case 3 -> "Ltd.";
            case 4 -> "Corp.";
            case 5 -> "SAS";
            default -> "Inc.";
        };
    }

    private String[] cityState(int country) {
        int i = pick(5);
        return switch (country) {
            case 2 -> new String[] {Names.CITY_DE[i], null};
            case 3 -> new String[] {Names.CITY_GB[i], null};
            case 4 -> new String[] {Names.CITY_CA[i], Names.STATE_CA[i]};
            case 5 -> new String[] {Names.CITY_FR[i], null};
            default -> {
                int j = pick(Names.CITY_US.length);
                yield new String[] {Names.CITY_US[j], Names.STATE_US[j]};
            }
        };
    }

    private String postal(int country) {
        return switch (country) {
            case 3 -> "M" + (1 + pick(30)) + " " + (1 + pick(9)) + "AB";
            case 4 -> "V" + pick(10) + "K " + pick(10) + "A" + pick(10);
            default -> String.format("%05d", 10_000 + pick(89_999));
        };
    }
}
