package io.github.coupamcp.tools;

import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code create}: POSTs a new record built from the arguments, in two calls (preview with a confirmation token, then
 * the same call with it). {@code unique} names the arguments that identify a record (supplier and invoice number): a
 * match is refused as a duplicate, and after a lost answer it is how the first write is found again.
 */
final class CreateKind implements ToolKind {
    @Override
    public String name() {
        return "create";
    }

    @Override
    public WriteBlock parse(BindingBlock x, ObjectNode inputSchema) {
        var properties = inputSchema.get("properties");
        return WriteBlocks.read(x, inputSchema, null, Set.of(), null, WriteBlocks.unique(x, properties),
                WriteBlocks.amount(x, properties));
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new WriteToolHandler(spec, (WriteBlock) spec.block(), context);
    }
}
