package io.github.coupamcp.tools;

import java.util.List;
import java.util.Locale;

/**
 * How argument problems quote what the agent sent: values capped, long lists summarised. An argument may be
 * megabytes long or repeat a bad value a thousand times; the error must still be a few lines an agent can act on.
 */
final class ProblemText {
    static final int MAX_QUOTED_CHARS = 40;
    static final int MAX_LISTED = 3;

    private ProblemText() {}

    /** {@code 'value'}, or its start and its length when it is long. */
    /** A noun opening a sentence: "invoice" gives "Invoice". */
    static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String quote(String value) {
        if (value.length() <= MAX_QUOTED_CHARS) {
            return "'" + value + "'";
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_QUOTED_CHARS - 1)) ? MAX_QUOTED_CHARS - 1
                : MAX_QUOTED_CHARS;
        return "'" + value.substring(0, end) + "...' (" + count(value.length()) + " characters)";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The first few entries joined, then how many more there are. */
    static String list(List<String> entries, String separator) {
        if (entries.size() <= MAX_LISTED) {
            return String.join(separator, entries);
        }
        return String.join(separator, entries.subList(0, MAX_LISTED)) + " and " + count(entries.size() - MAX_LISTED)
                + " more";
    }

    /** The problems of a list argument's values: all of a few, or how many and the first. */
    static String items(String name, List<String> problems, int values) {
        if (problems.size() <= MAX_LISTED) {
            return String.join("; ", problems);
        }
        return name + " has " + count(problems.size()) + " invalid values of " + count(values)
                + "; the first bad one: " + problems.get(0);
    }
}
