package io.github.coupamcp.tools;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The block of {@code query} tools: the resources an agent may read, each bound like a list tool's resource (scope,
 * nouns, default projection). Never published.
 *
 * @param resources resource name (Coupa URL segment) to its binding, in the order the tool publishes them
 */
record QueryBlock(String entity, String entities, Map<String, CoupaBinding> resources) implements KindBlock {
    QueryBlock {
        resources = Map.copyOf(resources);
    }

    @Override
    public String resource() {
        return String.join(", ", new TreeSet<>(resources.keySet()));
    }

    /** Every resource's scope, for the README and messages; {@link #scopes} is the set. */
    @Override
    public String scope() {
        return String.join(" ", scopes());
    }

    /** Each call needs its resource's scope only: Coupa's 403 names a missing one. */
    @Override
    public Set<String> requiredScopes() {
        return Set.of();
    }

    @Override
    public Set<String> scopes() {
        Set<String> scopes = new TreeSet<>();
        resources.values().forEach(b -> scopes.add(b.scope()));
        return scopes;
    }

    @Override
    public String listTool() {
        return "coupa_query";
    }
}
