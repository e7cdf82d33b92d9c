package io.github.coupamcp.sandbox.data;

import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Coupa resource ({@code invoices}, {@code suppliers}, ...): records keyed by id plus the domain rules
 * (validation, state machines) for writes. Thread-safe. Knows nothing about HTTP, scopes or query syntax.
 */
public interface SandboxCollection {
    /** URL segment, e.g. {@code invoices}. */
    String name();

    /** XML root element of one record, e.g. {@code invoice-header}. */
    String xmlRoot();

    /** XML root element of a list, e.g. {@code invoice-headers}. */
    String xmlListRoot();

    /** OAuth scope needed to read, e.g. {@code core.invoice.read}. */
    String readScope();

    /** OAuth scope needed for a plain create/update, or null when the resource is read-only. */
    String writeScope();

    /**
     * Scopes of which any one allows a POST create (Coupa grants invoice creation with core.invoice.create or
     * core.invoice.write). Defaults to the write scope; empty when the resource cannot be created.
     */
    default Set<String> createScopes() {
        return writeScope() == null ? Set.of() : Set.of(writeScope());
    }

    /** Action names served at {@code PUT /api/<name>/<id>/<action>} mapped to the scope each requires. */
    Map<String, String> actionScopes();

    /** Resource-level POST actions with no id, e.g. requisitions {@code submit_for_approval}; name to scope. */
    default Map<String, String> collectionActionScopes() {
        return Map.of();
    }

    int size();

    /** Live ascending view of the ids; safe to iterate while other threads write. */
    NavigableSet<Long> ids();

    /**
     * The full record as real Coupa returns it by default in JSON: dashed keys, nested objects in full,
     * decimals as strings, datetimes as ISO-8601 with offset. A fresh tree the caller may change; null if absent.
     */
    ObjectNode render(long id);

    /**
     * Only the named top-level fields of {@link #render(long)} (dashed names), for query engines that filter or
     * sort on a few fields: collections with heavy records skip building what is not asked for. Same values as
     * the full rendering; null if absent.
     */
    default ObjectNode renderFields(long id, Set<String> fields) {
        ObjectNode full = render(id);
        if (full != null) {
            full.retain(fields);
        }
        return full;
    }

    /** POST create. */
    WriteResult create(ObjectNode body);

    /** PUT update of plain fields (and lines where the resource allows it). */
    WriteResult update(long id, ObjectNode body);

    /** PUT {@code /<id>/<action>}; params are the query parameters (e.g. {@code reason}). */
    WriteResult action(long id, String action, ObjectNode body, Map<String, String> params);

    /** POST {@code /<action>} with no id (e.g. create-and-submit). Unsupported by default. */
    default WriteResult collectionAction(String action, ObjectNode body, Map<String, String> params) {
        return WriteResult.unsupported("Unknown action " + action);
    }

    /** Field names that are custom fields of this resource (inside {@code custom-fields}). */
    default Set<String> customFieldNames() {
        return Set.of();
    }
}
