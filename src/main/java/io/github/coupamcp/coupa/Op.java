package io.github.coupamcp.coupa;

/** Coupa filter operators, written as {@code attribute[op]=value}; {@link #EQ} is the bare {@code attribute=value}. */
public enum Op {
    EQ(null), GT("gt"), LT("lt"), GT_OR_EQ("gt_or_eq"), LT_OR_EQ("lt_or_eq"), NOT_EQ("not_eq"),
    IN("in"), NOT_IN("not_in"), CONTAINS("contains"), STARTS_WITH("starts_with"), ENDS_WITH("ends_with"),
    BLANK("blank");

    private final String token;

    Op(String token) {
        this.token = token;
    }

    /** The bracketed operator name, or null for exact match. */
    public String token() {
        return token;
    }
}
