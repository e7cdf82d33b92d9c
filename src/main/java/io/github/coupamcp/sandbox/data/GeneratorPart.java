package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.CatalogItem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Shared plumbing of the generator parts: the one random source (consumed in a fixed order, which is what makes
 * a seed reproducible), time helpers anchored at {@link #ANCHOR_DAY}, and the draws every part needs (a user,
 * an active supplier, an approver, a catalog item the supplier sells, its quantity and price).
 */
abstract class GeneratorPart {
    /** Generated history ends here: data is anchored in time, independent of the machine clock. */
    static final int ANCHOR_DAY = (int) LocalDate.of(2026, 6, 30).toEpochDay();
    static final int HISTORY_DAYS = 720;

    /** State handed from one part to the next. */
    static final class State {
        /** The commodity each supplier mainly sells. */
        int[] supplierCommodity;
        List<List<CatalogItem>> itemsByCommodity;
        /** Users who approve documents: department heads and finance staff. */
        int[] approvers;
        /** Issued or closed POs with lines not yet invoiced. */
        final List<Long> invoiceablePos = new ArrayList<>();
    }

    final World w;
    final Scale scale;
    final SplittableRandom rnd;
    final ReferenceData ref;
    final State state;

    GeneratorPart(World world, Scale scale, SplittableRandom rnd, State state) {
        this.w = world;
        this.scale = scale;
        this.rnd = rnd;
        this.ref = world.ref;
        this.state = state;
    }

    int pick(int n) {
        return rnd.nextInt(n);
    }

    <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }

    boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    int weighted(int[] weights) {
        int sum = 0;
        for (int x : weights) {
            sum += x;
        }
        int r = rnd.nextInt(sum);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Forces every value of an enum to occur: the i-th of n records takes value k at evenly spaced slots. */
    static int forced(int i, int n, int values) {
        int step = Math.max(1, n / values);
        return i % step == 0 && i / step < values ? i / step : -1;
    }

    static long seconds(int epochDay) {
        return epochDay * 86_400L + 16 * 3600L; // 08:00 Pacific, roughly
    }

    long timeOn(int epochDay) {
        return seconds(epochDay) + rnd.nextInt(9 * 3600);
    }

    int pastDay() {
        return ANCHOR_DAY - rnd.nextInt(HISTORY_DAYS);
    }

    long later(long t, int maxDays) {
        long u = t + rnd.nextInt(Math.max(1, maxDays) * 86_400);
        return Math.min(u, seconds(ANCHOR_DAY) + 10 * 3600);
    }

    CatalogItem itemFor(int supplier) {
        List<CatalogItem> items = state.itemsByCommodity.get(state.supplierCommodity[supplier]);
        return items.get(pick(items.size()));
    }

    long quantityFor(CatalogItem item) {
        if (item.amountLine()) {
            return 1000;
        }
        return switch (ref.uoms.get(item.uom() - 1).code()) {
            case "HR" -> (4 + pick(80)) * 1000L + (chance(30) ? 500 : 0);
            case "MO" -> (1 + pick(12)) * 1000L;
            default -> (1 + pick(chance(70) ? 5 : 40)) * 1000L;
        };
    }

    long priceFor(CatalogItem item) {
        long base = item.amountLine() ? 250_000 + pick(4_000_000) : item.priceCents();
        // +-10% around list price, like negotiated prices
        return Math.max(100, base + (base * (pick(21) - 10)) / 100);
    }

    int addressCountry(int address) {
        return ref.addresses.get(address - 1).country();
    }

    int approver(int notUser) {
        int a = state.approvers[pick(state.approvers.length)];
        return a == notUser ? state.approvers[(indexOf(state.approvers, a) + 1) % state.approvers.length] : a;
    }

    static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return 0;
    }

    int anyUser() {
        return 1 + pick(scale.users);
    }

    int activeSupplier() {
        for (int tries = 0; tries < 20; tries++) {
            int id = 1 + pick(scale.suppliers);
            if (w.supplier(id).status().equals("active")) {
                return id;
            }
        }
        return 1;
    }

    boolean receiptRequired(CatalogItem item) {
        return !item.amountLine() && ref.commodities.get(item.commodity() - 1).category().equals("goods");
    }
}
