package io.github.coupamcp.coupa.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses {@code Retry-After}: delta seconds ({@code 3}) or an HTTP date. Servers must send the IMF-fixdate
 * ({@code Wed, 21 Oct 2026 07:28:00 GMT}); RFC 9110 asks recipients to accept the two obsolete forms too
 * (RFC 850 {@code Wednesday, 21-Oct-26 07:28:00 GMT} and asctime {@code Wed Oct 21 07:28:00 2026}).
 */
public final class RetryAfter {
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss z")
                    .toFormatter(Locale.ENGLISH),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC));

    private RetryAfter() {}

    /** Empty when absent or unparseable; never negative. */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return date(v).map(at -> {
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        });
    }

    private static Optional<Instant> date(String value) {
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                return Optional.of(ZonedDateTime.parse(value, format).toInstant());
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}
