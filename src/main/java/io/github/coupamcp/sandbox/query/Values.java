package io.github.coupamcp.sandbox.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Typed comparison of a record value with a query string, as Coupa's database would: numbers and decimal
 * strings numerically, datetimes and dates as instants (a date alone is midnight UTC), booleans as booleans,
 * everything else as text.
 */
public final class Values {
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ].*)?");
    private static final Pattern DECIMAL_LIKE = Pattern.compile("-?\\d+(\\.\\d+)?");
    /** A '+' offset arrives as a space when the client did not URL-encode it. */
    private static final Pattern SPACE_OFFSET = Pattern.compile("(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?) (\\d{2}:?\\d{2})$");

    private Values() {}

    public static boolean isDateLike(String s) {
        return DATE_LIKE.matcher(s).matches();
    }

    public static boolean isDecimalLike(String s) {
        return DECIMAL_LIKE.matcher(s).matches();
    }

    /** Parses Coupa's query date formats; null when {@code s} is not one. */
    public static Instant parseInstant(String s) {
        String v = SPACE_OFFSET.matcher(s.trim()).replaceFirst("$1+$4");
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // try the shorter forms below
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try a plain date
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses a date query value or fails with a 400 naming the field. */
    public static Instant requireInstant(String field, String value) {
        Instant at = parseInstant(value);
        if (at == null) {
            throw new BadQueryException(field, "Invalid date " + value
                    + " (expected ISO 8601, e.g. 2024-01-31 or 2024-01-31T13:45:00-07:00)");
        }
        return at;
    }

    /** True when the field name says it holds a date or datetime (updated-at, invoice-date, need-by-date). */
    public static boolean isDateField(String name) {
        String n = FieldNames.dashed(name);
        return n.endsWith("-at") || n.endsWith("-date") || n.equals("date");
    }

    /**
     * Compares a record value with a query value: negative, zero or positive like {@link Comparable}.
     * Throws 400 when the query value cannot be read as the record value's type.
     */
    static int compare(JsonNode leaf, QueryValue value, String field) {
        if (leaf.isNumber()) {
            if (value.number() == null) {
                throw new BadQueryException(field, "Invalid number " + value.raw());
            }
            return leaf.decimalValue().compareTo(value.number());
        }
        if (leaf.isBoolean()) {
            return Boolean.compare(leaf.booleanValue(), Boolean.parseBoolean(value.raw().trim()));
        }
        String text = leaf.asString();
        if (isDateLike(text)) {
            Instant left = parseInstant(text);
            if (left != null) {
                if (value.instant() == null) {
                    requireInstant(field, value.raw());
                }
                return left.compareTo(value.instant());
            }
        }
        if (value.number() != null && isDecimalLike(text)) {
            return new BigDecimal(text).compareTo(value.number());
        }
        return text.compareTo(value.raw());
    }

    /**
     * Like {@link #compare} for the ordering operators (gt, lt, ...): a decimal field compared with a value that
     * is not a number is a malformed query (400), not a text comparison.
     */
    static int order(JsonNode leaf, QueryValue value, String field) {
        if (value.number() == null && leaf.isString() && isDecimalLike(leaf.asString())) {
            throw new BadQueryException(field, "Invalid number " + value.raw());
        }
        return compare(leaf, value, field);
    }

    /**
     * A record value's sort key, computed once per record so sorting compares ready values: a BigDecimal for
     * numbers and decimal strings, an Instant for dates and datetimes, a Boolean, or the text; null for null.
     */
    public static Comparable<?> sortKey(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode() || v.isContainer()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String text = v.asString();
        if (isDateLike(text)) {
            Instant at = parseInstant(text);
            if (at != null) {
                return at;
            }
        }
        if (isDecimalLike(text)) {
            return new BigDecimal(text);
        }
        return text;
    }

    /** Orders sort keys: nulls first; keys of different kinds (rare, dirty data) by kind, then by text. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compareKeys(Comparable a, Comparable b) {
        if (a == null || b == null) {
            return Boolean.compare(a != null, b != null);
        }
        if (a.getClass() == b.getClass()) {
            return a.compareTo(b);
        }
        int byKind = a.getClass().getName().compareTo(b.getClass().getName());
        return byKind != 0 ? byKind : a.toString().compareTo(b.toString());
    }

}
