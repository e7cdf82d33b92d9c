package io.github.coupamcp.sandbox.query;

import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a record is cut down before it is sent: a {@code fields} projection when given (it wins), otherwise
 * {@code return_object}.
 */
public record Shape(FieldProjection projection, ReturnObject returnObject) {
    public static final Shape FULL = new Shape(null, ReturnObject.FULL);

    /** Reads {@code fields} and {@code return_object}; {@code write} allows {@code return_object=none}. */
    public static Shape parse(Map<String, List<String>> params, boolean write) {
        String fields = RecordQuery.last(params, "fields");
        FieldProjection projection = fields == null || fields.isBlank() ? null : FieldProjection.parse(fields);
        return new Shape(projection, ReturnObject.parse(RecordQuery.last(params, "return_object"), write));
    }

    /** Top-level fields a record needs for this shape; null when it needs them all (no projection, shallow). */
    public Set<String> fieldsNeeded() {
        if (projection != null) {
            return projection.topLevelNames();
        }
        return returnObject == ReturnObject.LIMITED || returnObject == ReturnObject.NONE ? Set.of("id") : null;
    }

    /** The record as the client asked for it; null means "no body" (return_object=none). */
    public ObjectNode apply(ObjectNode record) {
        if (returnObject == ReturnObject.NONE) {
            return null;
        }
        return projection != null ? projection.apply(record) : returnObject.apply(record);
    }
}
