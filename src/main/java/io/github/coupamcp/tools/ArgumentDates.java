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

    /** A calendar date like 2025-01-31, or null. */
    static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
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

    static boolean inRange(LocalDate date) {
        return date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
    }

    static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(END);
    }
}
