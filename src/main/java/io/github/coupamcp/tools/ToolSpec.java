package io.github.coupamcp.tools;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One loaded tool: what is published, its kind and the kind's parsed {@code x-coupa} block, the file it came from
 * (for messages) and its example calls (valid arguments, run against the sandbox by the tool walk).
 */
public record ToolSpec(ToolDefinition definition, ToolKind kind, KindBlock block, String file,
        List<ObjectNode> examples) {
    public ToolSpec {
        examples = List.copyOf(examples);
    }

    public String name() {
        return definition.name();
    }

    /** The block of a record-reading tool (list, get); only their handlers ask for it. */
    public CoupaBinding binding() {
        if (block instanceof CoupaBinding binding) {
            return binding;
        }
        throw new IllegalStateException(file + ": kind " + kind.name() + " has no record binding");
    }
}
