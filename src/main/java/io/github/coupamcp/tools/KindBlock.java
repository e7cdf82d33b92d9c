package io.github.coupamcp.tools;

import java.util.List;
import java.util.Set;

/**
 * What every kind's parsed {@code x-coupa} block tells the shared machinery: the Coupa resource and OAuth scope (for
 * errors and the default {@code COUPA_SCOPES}) and the nouns messages use. Each kind adds what only it means.
 */
public interface KindBlock {
    String resource();

    String scope();

    /** Every OAuth scope the tool may need (a query tool reads several resources). */
    default Set<String> scopes() {
        return Set.of(scope());
    }

    /**
     * The scopes without which the tool cannot answer at all, so that it is hidden when Coupa did not grant them: its
     * own scope by default; none for a tool whose calls each need one of several (a query names the resource's).
     */
    default Set<String> requiredScopes() {
        return Set.of(scope());
    }

    String entity();

    String entities();

    /** The tool to point agents to when an id is unknown. */
    String listTool();

    /** True for the write kinds: their tools exist only with writes enabled, and their errors speak of writing. */
    default boolean writes() {
        return false;
    }

    /** Pairs of arguments where the first must not exceed the second; checked with the other arguments. */
    default List<List<String>> ranges() {
        return List.of();
    }
}
