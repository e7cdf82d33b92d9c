package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Op;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How one tool argument becomes one Coupa server-side filter, e.g. {@code supplier_name -> supplier[name][contains]}.
 * Operator {@code in} takes one value or several: one is sent as {@code attr=v}, several as {@code attr[in]=a,b}.
 */
public record FilterBinding(String argument, String attribute, Op op, Transform transform) {

    /**
     * Value rewrites applied before sending. NEXT_DAY turns an inclusive end date into an exclusive bound
     * ({@code to=2025-01-31} becomes {@code [lt]=2025-02-01}), so a date stored with a time of day on the last day
     * (Coupa keeps invoice dates as date-times) still matches. TITLE_WORDS turns an enum value into Coupa's label
     * ({@code credit_note} becomes {@code Credit Note}), for fields Coupa stores as display words.
     */
    public enum Transform {
        NONE, UPPER, NEXT_DAY, TITLE_WORDS;

        public static Transform parse(String name) {
            return name == null ? NONE : Transform.valueOf(name.toUpperCase(Locale.ROOT));
        }

        String apply(String value) {
            return switch (this) {
                case NONE -> value;
                case UPPER -> value.toUpperCase(Locale.ROOT);
                case NEXT_DAY -> LocalDate.parse(value).plusDays(1).toString();
                case TITLE_WORDS -> titleWords(value);
            };
        }

        private static String titleWords(String value) {
            StringBuilder words = new StringBuilder();
            for (String word : value.split("_")) {
                if (!word.isEmpty()) {
                    words.append(words.isEmpty() ? "" : " ").append(Character.toUpperCase(word.charAt(0)))
                            .append(word.substring(1));
                }
            }
            return words.toString();
        }
    }

    /** Operator names accepted in {@code x-coupa.filters[*].op}. */
    public static final Map<String, Op> OPERATORS = Map.ofEntries(
            Map.entry("eq", Op.EQ), Map.entry("not_eq", Op.NOT_EQ), Map.entry("contains", Op.CONTAINS),
            Map.entry("starts_with", Op.STARTS_WITH), Map.entry("ends_with", Op.ENDS_WITH), Map.entry("gt", Op.GT),
            Map.entry("gt_or_eq", Op.GT_OR_EQ), Map.entry("lt", Op.LT), Map.entry("lt_or_eq", Op.LT_OR_EQ),
            Map.entry("in", Op.IN), Map.entry("not_in", Op.NOT_IN));

    public static final List<String> TRANSFORMS = List.of("upper", "next_day", "title_words");

    /** Adds this filter for a validated argument value. */
    public void apply(CoupaQuery.Builder query, JsonNode value) {
        List<String> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> values.add(text(v)));
        } else {
            values.add(text(value));
        }
        if (op == Op.IN && values.size() == 1) {
            query.filter(attribute, Op.EQ, values);
        } else if (op == Op.IN || op == Op.NOT_IN) {
            query.filter(attribute, op, values);
        } else {
            query.filter(attribute, op, values.get(0));
        }
    }

    private String text(JsonNode v) {
        String s = v.isNumber() ? new BigDecimal(v.asString()).stripTrailingZeros().toPlainString() : v.asString();
        return transform.apply(s);
    }
}
