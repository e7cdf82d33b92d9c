package io.github.coupamcp.tools;

import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Ages in whole days cut into labelled buckets, from an {@code x-coupa} object such as
 * {@code {"current": 0, "1-30": 30, "31-60": 60, "90+": null}}: each label with its inclusive upper bound, ascending,
 * the last unbounded ({@code null}). Labels are what answers show, so they state the bounds.
 */
record AgeBuckets(List<String> labels, List<Long> upperBounds) {
    AgeBuckets {
        labels = List.copyOf(labels);
        upperBounds = List.copyOf(upperBounds);
    }

    static AgeBuckets parse(BindingBlock x, String key) {
        List<String> labels = new ArrayList<>();
        List<Long> bounds = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        x.requiredObject(key).properties().forEach(entries::add);
        for (int i = 0; i < entries.size(); i++) {
            Map.Entry<String, JsonNode> e = entries.get(i);
            boolean last = i == entries.size() - 1;
            if (last ? !e.getValue().isNull() : !e.getValue().isIntegralNumber()
                    || (!bounds.isEmpty() && e.getValue().asLong() <= bounds.get(bounds.size() - 1))) {
                throw x.problem(key + "." + e.getKey(), "must be an inclusive upper bound in days, greater than the "
                        + "previous one, and null for the last (unbounded) bucket");
            }
            labels.add(e.getKey());
            if (!last) {
                bounds.add(e.getValue().asLong());
            }
        }
        if (labels.size() < 2) {
            throw x.problem(key, "needs at least two buckets");
        }
        return new AgeBuckets(labels, bounds);
    }

    /** The bucket of an age in days. */
    int index(long days) {
        for (int i = 0; i < upperBounds.size(); i++) {
            if (days <= upperBounds.get(i)) {
                return i;
            }
        }
        return upperBounds.size();
    }

    int size() {
        return labels.size();
    }
}
