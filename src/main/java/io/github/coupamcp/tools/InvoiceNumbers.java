package io.github.coupamcp.tools;

import java.util.Locale;

/**
 * When two document numbers look like the same number keyed twice. Deliberately not "small edit distance": a
 * supplier's consecutive numbers (INV-1001, INV-1002) differ by one character and are the normal case, not a
 * duplicate. The rule, strongest first:
 * <ol>
 *   <li>{@link Likeness#SAME}: equal after normalising: letters upper-cased, leading zeros of every run of
 *       digits dropped, everything but letters and digits dropped ({@code inv-0042} = {@code INV 42});</li>
 *   <li>{@link Likeness#SAME_DIGITS}: their digits, leading zeros dropped, are equal and at least 3 long
 *       ({@code ACME-20012} and {@code 20012});</li>
 *   <li>{@link Likeness#SWAPPED}: the normalised numbers differ only by two adjacent characters swapped
 *       ({@code 20012} and {@code 20021}).</li>
 * </ol>
 */
final class InvoiceNumbers {
    private static final int MIN_DIGITS = 3;

    private InvoiceNumbers() {}

    enum Likeness {
        SAME("equal ignoring case, punctuation and leading zeros"),
        SAME_DIGITS("with the same digits"),
        SWAPPED("equal but for two adjacent characters swapped"),
        DIFFERENT("different");

        final String description;

        Likeness(String description) {
            this.description = description;
        }

        boolean similar() {
            return this != DIFFERENT;
        }

        /** The output value, e.g. {@code same_digits}. */
        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static Likeness compare(String a, String b) {
        if (a == null || b == null) {
            return Likeness.DIFFERENT;
        }
        String na = normalise(a);
        String nb = normalise(b);
        if (!na.isEmpty() && na.equals(nb)) {
            return Likeness.SAME;
        }
        String da = digits(na);
        if (da.length() >= MIN_DIGITS && da.equals(digits(nb))) {
            return Likeness.SAME_DIGITS;
        }
        return swapped(na, nb) ? Likeness.SWAPPED : Likeness.DIFFERENT;
    }

    /** Upper case, letters and digits only, each run of digits without its leading zeros (all zeros: one). */
    static String normalise(String number) {
        StringBuilder sb = new StringBuilder(number.length());
        int i = 0;
        while (i < number.length()) {
            char c = number.charAt(i);
            if (Character.isDigit(c)) {
                int end = i;
                while (end < number.length() && Character.isDigit(number.charAt(end))) {
                    end++;
                }
                int first = i;
                while (first < end - 1 && number.charAt(first) == '0') {
                    first++;
                }
                sb.append(number, first, end);
                i = end;
                continue;
            }
            if (Character.isLetter(c)) {
                sb.append(Character.toUpperCase(c));
            }
            i++;
        }
        return sb.toString();
    }

    private static String digits(String normalised) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            if (Character.isDigit(c) && !(c == '0' && sb.length() == 0)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean swapped(String a, String b) {
        if (a.length() != b.length() || a.length() < 2) {
            return false;
        }
        int first = 0;
        while (first < a.length() && a.charAt(first) == b.charAt(first)) {
            first++;
        }
        return first < a.length() - 1 && a.charAt(first) == b.charAt(first + 1)
                && a.charAt(first + 1) == b.charAt(first) && a.substring(first + 2).equals(b.substring(first + 2));
    }
}
