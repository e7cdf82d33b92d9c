package io.github.coupamcp.tools;

import io.github.coupamcp.tools.DuplicateFold.Sighting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Pairs the candidates of a scan: two sightings under one key (party, currency, amount) whose days are at most
 * {@code withinDays} apart, and, when asked, whose numbers are similar ({@link InvoiceNumbers}). Counts every pair but
 * keeps only the best {@code top}, so the answer stays bounded however many there are.
 */
final class DuplicatePairs {
    private DuplicatePairs() {}

    /** Two records under one key, the earlier first (ties: the smaller id). */
    record Pair(DuplicateFold.Key key, Sighting first, Sighting second, InvoiceNumbers.Likeness numbers) {
        int daysApart() {
            return second.day() - first.day();
        }
    }

    /** The best pairs in ranking order, how many pairs there are in all and how many records they involve. */
    record Found(List<Pair> top, long count, int records) {}

    static final String RANKING = "similar numbers first (equal, then same digits, then swapped), then the fewest "
            + "days apart, then the most recent; ties by id";

    static final Comparator<Pair> ORDER = Comparator.<Pair>comparingInt(p -> p.numbers().ordinal())
            .thenComparingInt(Pair::daysApart)
            .thenComparing(Comparator.<Pair>comparingInt(p -> p.second().day()).reversed())
            .thenComparingLong(p -> p.first().id())
            .thenComparingLong(p -> p.second().id());

    static Found find(DuplicateFold.Candidates candidates, int withinDays, boolean similarOnly, int top) {
        PriorityQueue<Pair> best = new PriorityQueue<>(ORDER.reversed());
        Set<Long> involved = new HashSet<>();
        long count = 0;
        for (var e : candidates.byKey.entrySet()) {
            List<Sighting> sightings = new ArrayList<>(DuplicateFold.Candidates.sightings(e.getValue()));
            sightings.sort(Comparator.comparingInt(Sighting::day).thenComparingLong(Sighting::id));
            for (int i = 0; i < sightings.size(); i++) {
                Sighting a = sightings.get(i);
                for (int j = i + 1; j < sightings.size() && sightings.get(j).day() - a.day() <= withinDays; j++) {
                    Sighting b = sightings.get(j);
                    InvoiceNumbers.Likeness numbers = InvoiceNumbers.compare(a.number(), b.number());
                    if (similarOnly && !numbers.similar()) {
                        continue;
                    }
                    count++;
                    involved.add(a.id());
                    involved.add(b.id());
                    best.add(new Pair(e.getKey(), a, b, numbers));
                    if (best.size() > top) {
                        best.poll();
                    }
                }
            }
        }
        List<Pair> ranked = new ArrayList<>(best);
        ranked.sort(ORDER);
        return new Found(ranked, count, involved.size());
    }
}
