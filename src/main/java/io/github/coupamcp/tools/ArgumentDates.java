package io.github.coupamcp.tools;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Dates and date-times as tool arguments accept them, and the years they may name. Java reads years far beyond
 * what Coupa stores (+10000, negative years); such values can only fail upstream or overflow date arithmetic
 * (the {@code next_day} transform), so they are refused before anything runs.
 */
final class ArgumentDates {
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2999;
    static final String RANGE = "years " + FIRST_YEAR + " to " + LAST_YEAR;
    private static final Instant EARLIEST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant END = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private ArgumentDates() {}

    /**
     * What is wrong with {@code s} as a value of a {@code date} or {@code date-time} argument, or null when it is
     * fine (and for any other format).
     */
    static String problem(String format, String s) {
        Instant instant;
        if (format.equals("date")) {
            LocalDate date = date(s);
            instant = date == null ? null : date.atStartOfDay().toInstant(ZoneOffset.UTC);
            if (instant == null) {
                return "is not a date like 2025-01-31";
            }
        } else if (format.equals("date-time")) {
            instant = instant(s);
            if (instant == null) {
                return "is not a date (2025-01-31) or date-time (2025-01-31T08:00:00Z)";
            }
        } else {
            return null;
        }
        return inRange(instant) ? null : "is outside the accepted range (" + RANGE + ")";
    }

    /** A date (midnight UTC, as Coupa reads it) or a date-time with or without offset (UTC when absent), or null. */
    static Instant instant(String s) {
        LocalDate date = date(s);
        if (date != null) {
            return date.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        try {
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The value as sent to Coupa: a date-time without an offset gets {@code Z}, so that it means UTC there too, as it
     * does in our range checks (Coupa would read it in the instance's own time zone). Anything else is unchanged.
     */
    static String normalised(String format, String s) {
        boolean local = format.equals("date-time") && date(s) == null && !s.endsWith("Z")
                && !s.matches(".*[+-]\\d\\d:?\\d\\d$");
        return local ? s + "Z" : s;
    }

    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(END);
    }
}
