package io.github.coupamcp.tools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The {@code n} greatest items under an order (the oldest first), in memory bounded by {@code n}. Not thread-safe. */
final class Oldest<T> {
    private final int n;
    private final Comparator<T> order;
    /** Head: the least old kept, the first to drop. */
    private final PriorityQueue<T> kept;

    /** {@code order} sorts the oldest first and breaks every tie, so the answer does not depend on arrival order. */
    Oldest(int n, Comparator<T> order) {
        this.n = n;
        this.order = order;
        this.kept = new PriorityQueue<>(order.reversed());
    }

    void offer(T item) {
        kept.add(item);
        if (kept.size() > n) {
            kept.poll();
        }
    }

    void addAll(Oldest<T> other) {
        other.kept.forEach(this::offer);
    }

    List<T> sorted() {
        List<T> all = new ArrayList<>(kept);
        all.sort(order);
        return all;
    }
}
