package io.github.coupamcp.tools;

import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code action}: a Coupa action on one record ({@code PUT /api/<resource>/<id>/<action>}: submit, void, approve …),
 * in two calls. The record must have one of the {@code from} statuses; the preview records its {@code updated-at} and
 * the confirmed call refuses to act when the record changed meanwhile.
 */
final class ActionKind implements ToolKind {
    @Override
    public String name() {
        return "action";
    }

    @Override
    public WriteBlock parse(BindingBlock x, ObjectNode inputSchema) {
        String action = x.requiredText("action");
        if (!action.matches("[a-z][a-z0-9_]*")) {
            throw x.problem("action", "must be a Coupa action name such as void or approve");
        }
        Set<String> from = new LinkedHashSet<>(x.strings("from"));
        if (from.isEmpty()) {
            throw x.problem("from", "must list the statuses the action is allowed from");
        }
        if (!inputSchema.get("properties").has("id")) {
            throw x.problem("action", "needs an \"id\" argument: the record acted on");
        }
        WriteBlock block = WriteBlocks.read(x, inputSchema, action,
                java.util.Collections.unmodifiableSet(from), x.requiredText("to"), Map.of(),
                null);
        if (block.body().header().containsKey("id")) {
            throw x.problem("body.id", "the id is the target, not part of the body");
        }
        return block;
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new WriteToolHandler(spec, (WriteBlock) spec.block(), context);
    }
}
