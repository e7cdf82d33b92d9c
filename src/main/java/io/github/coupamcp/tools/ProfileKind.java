package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code profile}: one bounded answer about one record and what hangs off it, gathered by several scans run
 * concurrently. Today one tool, supplier_profile; the block names the record and the scopes its reads need.
 */
final class ProfileKind implements ToolKind {
    static final String SUPPLIER_ID = "supplier_id";
    static final String SUPPLIER_NAME = "supplier_name";
    static final String MONTHS = "months";
    static final List<String> ARGUMENTS = List.of(SUPPLIER_ID, SUPPLIER_NAME, MONTHS, AggregateKind.FRESH);

    @Override
    public String name() {
        return "profile";
    }

    @Override
    public ProfileBlock parse(BindingBlock x, ObjectNode inputSchema) {
        RecordBlocks.checkCovered(x, "(profile arguments)", Set.of(), ARGUMENTS, inputSchema);
        if (!"suppliers".equals(x.requiredText("resource"))) {
            throw x.problem("resource", "must be suppliers: the only profile this server has is a supplier's");
        }
        JsonNode fieldsNode = x.required("fields");
        if (!fieldsNode.isArray() || fieldsNode.isEmpty()) {
            throw x.problem("fields", "must be a non-empty Coupa fields array");
        }
        Fields fields = Fields.parse(fieldsNode.toString());
        if (!fields.topLevelNames().containsAll(List.of("id", "name"))) {
            throw x.problem("fields", "must include \"id\" and \"name\"");
        }
        String scope = x.requiredText("scope");
        Set<String> scopes = new LinkedHashSet<>(x.strings("scopes"));
        if (!scopes.contains(scope)) {
            throw x.problem("scopes", "must include the scope " + scope);
        }
        String entities = x.requiredText("entities");
        List<String> owed = x.strings("owedStatuses");
        if (owed.isEmpty()) {
            throw x.problem("owedStatuses", "must name the invoice statuses whose amount due is owed");
        }
        return new ProfileBlock("suppliers", scope, Set.copyOf(scopes), x.requiredText("entity"), entities,
                x.optionalText("listTool").orElse("list_" + entities.replace(' ', '_')), fields, List.copyOf(owed));
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new SupplierProfileHandler(spec, (ProfileBlock) spec.block(), context);
    }
}
