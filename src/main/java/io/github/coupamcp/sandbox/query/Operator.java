package io.github.coupamcp.sandbox.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Coupa's filter operators, written {@code field[op]=value}; no operator means exact match. */
public enum Operator {
    EXACT, GT, LT, GT_OR_EQ, LT_OR_EQ, NOT_EQ, IN, NOT_IN, CONTAINS, STARTS_WITH, ENDS_WITH, BLANK;

    private static final Map<String, Operator> BY_WIRE = Arrays.stream(values())
            .filter(op -> op != EXACT)
            .collect(Collectors.toUnmodifiableMap(Operator::wireName, Function.identity()));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operator written as {@code name} (e.g. {@code gt_or_eq}), or null when it is not one. */
    public static Operator fromWire(String name) {
        return BY_WIRE.get(name.replace('-', '_').toLowerCase(Locale.ROOT));
    }

    /** Operators that test presence or text rather than compare typed values. */
    boolean textual() {
        return this == CONTAINS || this == STARTS_WITH || this == ENDS_WITH || this == BLANK;
    }
}
