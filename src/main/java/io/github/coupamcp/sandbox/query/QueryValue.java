package io.github.coupamcp.sandbox.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * One filter value, read once in every form a record value may be compared with, so a scan over many records
 * does not parse the query value again for each of them.
 *
 * @param number the value as a number, or null when it is not one
 * @param instant the value as an instant (a bare date is midnight UTC), or null when it is not a date
 * @param lower the value in lower case, for contains / starts_with / ends_with
 */
record QueryValue(String raw, BigDecimal number, Instant instant, String lower) {

    static QueryValue of(String raw) {
        String trimmed = raw.trim();
        BigDecimal number = Values.isDecimalLike(trimmed) ? new BigDecimal(trimmed) : null;
        Instant instant = Values.isDateLike(trimmed) ? Values.parseInstant(trimmed) : null;
        return new QueryValue(raw, number, instant, raw.toLowerCase(Locale.ROOT));
    }
}
