package io.github.coupamcp.sandbox.data;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.function.Function;
import java.util.concurrent.ConcurrentSkipListMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shared plumbing of a sandbox collection: the record map, naming, scopes and the read path. Subclasses render
 * one record and, where Coupa allows it, implement writes. Unsupported writes answer {@link WriteResult.Unsupported}.
 */
abstract class BaseCollection<R> extends NamedCollection {
    protected final World world;
    private final ConcurrentSkipListMap<Long, R> records;

    BaseCollection(World world, ConcurrentSkipListMap<Long, R> records, String name, String xmlRoot,
            String xmlListRoot, String readScope, String writeScope) {
        super(name, xmlRoot, xmlListRoot, readScope, writeScope);
        this.world = world;
        this.records = records;
    }

    /** Renders one record in Coupa's default (full) JSON shape. */
    abstract ObjectNode render(R record);

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

    /** One write step on an existing record: the changed record, or null after adding the reasons to errors. */
    interface Change<R> {
        R apply(R record, Errors errors);
    }

    /** Creates under the write lock: 201 with the record rendered, or 400 with what {@code create} refused. */
    WriteResult createWith(String errorKey, Function<Errors, R> create) {
        return world.write(() -> {
            Errors errors = new Errors(errorKey);
            R created = create.apply(errors);
            return created == null ? errors.result() : WriteResult.created(render(created));
        });
    }

    /** Changes record {@code id} under the write lock: 404 when it is gone, 400 with the errors, else 200. */
    WriteResult changeWith(long id, String errorKey, Change<R> change) {
        return world.write(() -> {
            R record = get(id);
            if (record == null) {
                return WriteResult.notFound();
            }
            Errors errors = new Errors(errorKey);
            R changed = change.apply(record, errors);
            return changed == null ? errors.result() : WriteResult.ok(render(changed));
        });
    }

    /** An action this collection does not serve: 404 for an unknown record, else the given refusal. */
    WriteResult unknownAction(long id, String message) {
        return get(id) == null ? WriteResult.notFound() : WriteResult.unsupported(message);
    }

    @Override
    public WriteResult create(ObjectNode body) {
        return WriteResult.unsupported("Creating " + name() + " is not supported");
    }

    @Override
    public WriteResult update(long id, ObjectNode body) {
        if (!records.containsKey(id)) {
            return WriteResult.notFound();
        }
        return WriteResult.unsupported("Updating " + name() + " is not supported");
    }

    @Override
    public WriteResult action(long id, String action, ObjectNode body, Map<String, String> params) {
        if (!records.containsKey(id)) {
            return WriteResult.notFound();
        }
        return WriteResult.unsupported("Unknown action " + action + " for " + name());
    }
}
