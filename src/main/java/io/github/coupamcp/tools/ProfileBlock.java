package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import java.util.List;
import java.util.Set;

/**
 * The block of the {@code profile} kind: the record profiled (its resource, nouns and projection) and every OAuth
 * scope the profile's reads need, and the invoice statuses whose amount due is owed (those invoice_aging counts by
 * default). What a profile reads besides the record is its handler's. Never published.
 */
public record ProfileBlock(String resource, String scope, Set<String> scopes, String entity, String entities,
        String listTool, Fields fields, List<String> owedStatuses) implements KindBlock {}
