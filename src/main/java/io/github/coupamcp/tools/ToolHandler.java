package io.github.coupamcp.tools;

import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one tool with validated, normalised arguments; its {@link ToolKind} creates it. May throw
 * {@link io.github.coupamcp.coupa.CoupaException}, {@link InvalidArgumentsException} or
 * {@link io.github.coupamcp.shape.CursorException}; the catalog maps them. The id of the record a call is about (for
 * "no invoice with id 123") is reported through {@link #subjectId}.
 */
public interface ToolHandler {
    ToolOutcome handle(ObjectNode arguments);

    /** Runs, reporting progress where the work is long enough to (a scan); others ignore it. */
    default ToolOutcome handle(ObjectNode arguments, ToolProgress progress) {
        return handle(arguments);
    }

    /** A handler of long work (scans, writes that may ask the human): progress is its main entry. */
    interface WithProgress extends ToolHandler {
        @Override
        default ToolOutcome handle(ObjectNode arguments) {
            return handle(arguments, ToolProgress.NONE);
        }

        @Override
        ToolOutcome handle(ObjectNode arguments, ToolProgress progress);
    }

    /** The record id the arguments are about, or null. */
    default Long subjectId(ObjectNode arguments) {
        return arguments.has("id") ? arguments.get("id").asLong() : null;
    }
}
