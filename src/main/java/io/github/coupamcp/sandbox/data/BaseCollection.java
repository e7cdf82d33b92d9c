package io.github.coupamcp.sandbox.data;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shared plumbing of a sandbox collection: the record map, naming, scopes and the read path. Subclasses render
 * one record and, where Coupa allows it, implement writes. Unsupported writes answer {@link WriteResult.Unsupported}.
 */
abstract class BaseCollection<R> implements SandboxCollection {
    protected final World world;
    private final String name;
    private final String xmlRoot;
    private final String xmlListRoot;
    private final String readScope;
    private final String writeScope;
    private final ConcurrentSkipListMap<Long, R> records;

    BaseCollection(World world, ConcurrentSkipListMap<Long, R> records, String name, String xmlRoot,
            String xmlListRoot, String readScope, String writeScope) {
        this.world = world;
        this.records = records;
        this.name = name;
        this.xmlRoot = xmlRoot;
        this.xmlListRoot = xmlListRoot;
        this.readScope = readScope;
        this.writeScope = writeScope;
    }

    /** Renders one record in Coupa's default (full) JSON shape. */
    abstract ObjectNode render(R record);

    @Override
    public String name() {
        return name;
    }

    @Override
    public String xmlRoot() {
        return xmlRoot;
    }

    @Override
    public String xmlListRoot() {
        return xmlListRoot;
    }

    @Override
    public String readScope() {
        return readScope;
    }

    @Override
    public String writeScope() {
        return writeScope;
    }

    @Override
    public Map<String, String> actionScopes() {
        return Map.of();
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public NavigableSet<Long> ids() {
        return Collections.unmodifiableNavigableSet(records.keySet());
    }

    @Override
    public ObjectNode render(long id) {
        R record = records.get(id);
        return record == null ? null : render(record);
    }

    @Override
    public ObjectNode renderFields(long id, java.util.Set<String> fields) {
        R record = records.get(id);
        return record == null ? null : renderFields(record, fields);
    }

    /** Subclasses with heavy records render only the asked fields; by default, render all and keep those. */
    ObjectNode renderFields(R record, java.util.Set<String> fields) {
        ObjectNode full = render(record);
        full.retain(fields);
        return full;
    }

    R get(long id) {
        return records.get(id);
    }

    @Override
    public WriteResult create(ObjectNode body) {
        return WriteResult.unsupported("Creating " + name + " is not supported");
    }

    @Override
    public WriteResult update(long id, ObjectNode body) {
        if (!records.containsKey(id)) {
            return WriteResult.notFound();
        }
        return WriteResult.unsupported("Updating " + name + " is not supported");
    }

    @Override
    public WriteResult action(long id, String action, ObjectNode body, Map<String, String> params) {
        if (!records.containsKey(id)) {
            return WriteResult.notFound();
        }
        return WriteResult.unsupported("Unknown action " + action + " for " + name);
    }
}
