package io.github.coupamcp.shape;

import java.util.List;
import java.util.Map;

/**
 * Per-resource compaction settings from a tool's {@code x-coupa} binding.
 *
 * @param renames top-level Coupa keys (dashed) published under another name, e.g. {@code total-with-taxes -> total}
 * @param sums    values derived on the raw record before compaction, e.g. a PO total summed from its lines
 */
public record CompactionRules(Map<String, String> renames, List<DerivedSum> sums) {
    public static final CompactionRules NONE = new CompactionRules(Map.of(), List.of());

    public CompactionRules {
        renames = Map.copyOf(renames);
        sums = List.copyOf(sums);
    }

    /**
     * {@code name} = sum of {@code field} over the array {@code source}; the array is dropped from the output when
     * its elements carried nothing but that field (it was only fetched to compute the sum).
     */
    public record DerivedSum(String name, String source, String field) {}
}
