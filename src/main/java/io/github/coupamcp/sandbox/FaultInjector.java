package io.github.coupamcp.sandbox;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, per request, which injected faults apply. Rules are replaced atomically at runtime; each rule counts
 * the requests it matched so "fail the Nth request" is exact under concurrency. Rate-based draws come from one
 * seeded {@link Random} (thread-safe), so a single-threaded run is reproducible.
 */
final class FaultInjector {
    private volatile List<ActiveRule> rules;
    private volatile Random random;

    /** What applies to one request: total added latency and the terminal fault, if any. */
    record Decision(long latencyMillis, FaultRule fault) {
        static final Decision NONE = new Decision(0, null);

        boolean none() {
            return latencyMillis == 0 && fault == null;
        }
    }

    private record ActiveRule(FaultRule rule, AtomicLong seen) {}

    FaultInjector(List<FaultRule> initial, long seed) {
        replace(initial, seed);
    }

    synchronized void replace(List<FaultRule> next, long seed) {
        random = new Random(seed);
        rules = next.stream().map(r -> new ActiveRule(r, new AtomicLong())).toList();
    }

    /** Appends a rule; the other rules keep their request counters. */
    synchronized void add(FaultRule rule) {
        List<ActiveRule> next = new java.util.ArrayList<>(rules);
        next.add(new ActiveRule(rule, new AtomicLong()));
        rules = List.copyOf(next);
    }

    List<FaultRule> rules() {
        return rules.stream().map(ActiveRule::rule).toList();
    }

    Decision decide(String path) {
        List<ActiveRule> current = rules;
        if (current.isEmpty()) {
            return Decision.NONE;
        }
        long latency = 0;
        FaultRule terminal = null;
        for (ActiveRule active : current) {
            FaultRule rule = active.rule();
            if (!rule.appliesTo(path) || !fires(active)) {
                continue;
            }
            if (!rule.terminal()) {
                latency += rule.latencyMillis();
            } else if (terminal == null) {
                terminal = rule;
            }
        }
        return latency == 0 && terminal == null ? Decision.NONE : new Decision(latency, terminal);
    }

    private boolean fires(ActiveRule active) {
        FaultRule rule = active.rule();
        long n = active.seen().incrementAndGet();
        if (rule.nth() > 0) {
            return n >= rule.nth() && n < rule.nth() + rule.times();
        }
        return rule.rate() >= 1.0 || random.nextDouble() < rule.rate();
    }
}
