package io.github.coupamcp.tools;

import io.github.coupamcp.tools.schema.BindingBlock;
import tools.jackson.databind.node.ObjectNode;

/**
 * A handler family, named by {@code x-coupa.kind} in tool files: how its block reads and what runs its tools. A new
 * family (aggregate, create, update, action) is one implementation registered in {@link ToolKinds}; tools of an
 * existing kind are one JSON file each.
 */
public interface ToolKind {
    /** The name tool files give in {@code x-coupa.kind}. */
    String name();

    /**
     * Reads and checks this kind's block against the tool's input schema. The loader then rejects every key the kind
     * did not ask for, so the block holds only what this kind means.
     */
    KindBlock parse(BindingBlock block, ObjectNode inputSchema);

    /** The handler of one tool of this kind; {@code spec.block()} is what {@link #parse} returned. */
    ToolHandler handler(ToolSpec spec, ToolContext context);
}
