package io.github.coupamcp.tools;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Suggestions for a mistyped name: the known names nearest to it, so that an error can say what was meant. */
public final class ClosestNames {
    /** At most this many suggestions: enough to show the intended one, short enough to read. */
    static final int MAX_SUGGESTIONS = 3;

    private ClosestNames() {}

    /**
     * The known names closest to {@code name} (edit distance, with a name containing the other counted as close),
     * nearest first; empty when none is plausibly meant.
     */
    public static List<String> to(String name, Collection<String> known) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int tolerance = Math.max(2, wanted.length() / 3);
        return known.stream()
                .map(k -> new Candidate(k, distance(wanted, k.toLowerCase(Locale.ROOT))))
                .filter(c -> c.distance() <= tolerance)
                .sorted(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .limit(MAX_SUGGESTIONS)
                .map(Candidate::name)
                .toList();
    }

    /** " (did you mean a or b?)", or empty when nothing is close. */
    public static String hint(String name, Collection<String> known) {
        List<String> close = to(name, known);
        return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
    }

    private record Candidate(String name, int distance) {}

    private static int distance(String a, String b) {
        if (!a.isEmpty() && (b.contains(a) || a.contains(b))) {
            return 1; // a fragment of a longer name (contract / list_contracts) is meant as that name
        }
        return levenshtein(a, b);
    }

    /** Levenshtein distance: the fewest single-character edits turning {@code a} into {@code b}. */
    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
