package io.github.coupamcp.sandbox.data;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Outcome of a sandbox write: the record, Coupa-style validation errors, not found, or unsupported. */
public sealed interface WriteResult {
    /** Success; {@code created} tells the HTTP layer to answer 201 instead of 200. */
    record Ok(ObjectNode record, boolean created) implements WriteResult {}

    /** Validation failure: {@code {"errors": {key: [messages]}}}, answered with 400. */
    record Invalid(Map<String, List<String>> errors) implements WriteResult {}

    record NotFound() implements WriteResult {}

    /** Unknown action or a method the resource does not support; answered with 400 or 405 by the HTTP layer. */
    record Unsupported(String message) implements WriteResult {}

    static WriteResult ok(ObjectNode record) {
        return new Ok(record, false);
    }

    static WriteResult created(ObjectNode record) {
        return new Ok(record, true);
    }

    static WriteResult invalid(String key, String... messages) {
        return new Invalid(Map.of(key, List.of(messages)));
    }

    static WriteResult notFound() {
        return new NotFound();
    }

    static WriteResult unsupported(String message) {
        return new Unsupported(message);
    }
}
