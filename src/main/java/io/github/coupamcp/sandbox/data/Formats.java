package io.github.coupamcp.sandbox.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How Coupa writes scalars in JSON: datetimes as ISO-8601 with the instance's offset (second precision),
 * decimals as strings. The sandbox instance lives in America/Los_Angeles like Coupa's own demo hosts.
 */
final class Formats {
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    /** Dates repeat a lot (invoice dates, need-by dates): format each day once. */
    private static final ConcurrentHashMap<Integer, String> DAYS = new ConcurrentHashMap<>();

    private Formats() {}

    static String dateTime(long epochSecond) {
        return ISO.format(Instant.ofEpochSecond(epochSecond).atZone(ZONE));
    }

    /** A date-only Coupa field (invoice-date, need-by-date) is a datetime at local midnight. */
    static String day(int epochDay) {
        return DAYS.computeIfAbsent(epochDay, d -> ISO.format(LocalDate.ofEpochDay(d).atStartOfDay(ZONE)));
    }

    /** Minor units (cents) to a decimal string with two places: -1234 -> "-12.34". */
    static String money(long cents) {
        return decimal(cents, 100, false);
    }

    /** Thousandths to a decimal string: 2500 -> "2.5", 3000 -> "3.0". */
    static String quantity(long milli) {
        return decimal(milli, 1000, true);
    }

    /**
     * {@code units / scale} (scale a power of ten) with every fractional digit, or with trailing zeros trimmed
     * down to one.
     */
    private static String decimal(long units, long scale, boolean trimZeros) {
        long abs = Math.abs(units);
        StringBuilder sb = new StringBuilder(16);
        if (units < 0) {
            sb.append('-');
        }
        sb.append(abs / scale).append('.');
        String fraction = Long.toString(scale + abs % scale); // "1" + the zero-padded digits
        int end = fraction.length();
        while (trimZeros && end > 2 && fraction.charAt(end - 1) == '0') {
            end--;
        }
        return sb.append(fraction, 1, end).toString();
    }

    /** The line's price x quantity, rounded half-up to cents. */
    static long lineTotal(Model.Priced line) {
        return lineTotal(line.priceCents(), line.qtyMilli());
    }

    /** Sum of the lines' totals (each rounded on its own, as Coupa totals lines). */
    static long linesTotal(Model.Priced[] lines) {
        long sum = 0;
        for (Model.Priced line : lines) {
            sum += lineTotal(line);
        }
        return sum;
    }

    /** price (cents) x quantity (thousandths), rounded half-up to cents. */
    static long lineTotal(long priceCents, long qtyMilli) {
        long raw = priceCents * qtyMilli;
        return raw >= 0 ? (raw + 500) / 1000 : -((-raw + 500) / 1000);
    }
}
