package io.github.coupamcp.tools;

/**
 * A field a list tool can be ordered by ({@code x-coupa.orderBy}): the argument value an agent passes, the top-level
 * Coupa attribute sorted and compared upstream, and whether records may lack a value (they are then listed last,
 * found with {@code attribute[blank]=true}).
 */
public record SortField(String name, String attribute, boolean nullable) {}
