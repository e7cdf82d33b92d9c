package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.scan.Fold;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link SummaryFold} that also keeps the first {@code keep} eligible records in an order (the most recent orders,
 * the contracts ending soonest) and counts the eligible ones: memory stays the tallies plus {@code keep} records.
 */
final class PickFold implements Fold<PickFold.Picked> {
    static final class Picked {
        final SummaryFold.Tallies tallies;
        final List<ObjectNode> kept = new ArrayList<>();
        long eligible;

        Picked(SummaryFold.Tallies tallies) {
            this.tallies = tallies;
        }
    }

    private final SummaryFold tally;
    private final Predicate<ObjectNode> eligible;
    private final Comparator<ObjectNode> order;
    private final int keep;

    PickFold(SummaryFold tally, Predicate<ObjectNode> eligible, Comparator<ObjectNode> order, int keep) {
        this.tally = tally;
        this.eligible = eligible;
        this.order = order;
        this.keep = keep;
    }

    @Override
    public Picked newAccumulator() {
        return new Picked(tally.newAccumulator());
    }

    @Override
    public void accept(Picked picked, ObjectNode record) {
        tally.accept(picked.tallies, record);
        if (eligible.test(record)) {
            picked.eligible++;
            keep(picked, List.of(record));
        }
    }

    @Override
    public Picked merge(Picked left, Picked right) {
        tally.merge(left.tallies, right.tallies);
        left.eligible += right.eligible;
        keep(left, right.kept);
        return left;
    }

    private void keep(Picked picked, List<ObjectNode> more) {
        picked.kept.addAll(more);
        picked.kept.sort(order);
        while (picked.kept.size() > keep) {
            picked.kept.remove(picked.kept.size() - 1);
        }
    }
}
