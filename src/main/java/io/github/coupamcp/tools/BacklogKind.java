package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.FreeText;
import io.github.coupamcp.shape.RecordCompactor;
import io.github.coupamcp.tools.schema.BindingBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code backlog}: scans the documents pending approval (invoices, requisitions, ...) with their approval chains and
 * answers who they wait on, how long, and for how much. Coupa's approval records name their document but not its
 * amount, so the documents are read, not the approvals: one scan per document type, the amount filtered by Coupa.
 */
final class BacklogKind implements ToolKind {
    static final String DOCUMENT_TYPE = "document_type";
    static final String BOTH = "both";
    static final String MIN_AMOUNT = "min_amount";
    static final String TOP = "top";
    static final String FRESH = "fresh";
    static final List<String> ARGUMENTS = List.of(DOCUMENT_TYPE, MIN_AMOUNT, TOP, FRESH);
    /** What the fold reads in each approval of a chain (Coupa's Approval object). */
    static final Fields APPROVAL_FIELDS = Fields.parse("[\"id\", \"status\", \"position\", \"created-at\", "
            + "\"approval-date\", \"approver-type\", {\"approver\": [\"id\", \"login\", \"fullname\"]}]");

    @Override
    public String name() {
        return "backlog";
    }

    @Override
    public BacklogBlock parse(BindingBlock x, ObjectNode inputSchema) {
        RecordBlocks.checkCovered(x, "documents", Set.of(), ARGUMENTS, inputSchema);
        Map<String, BacklogBlock.Document> documents = new LinkedHashMap<>();
        x.requiredObject("documents").properties().forEach(e -> documents.put(e.getKey(),
                document(x, "documents." + e.getKey(), e.getKey(), e.getValue())));
        List<String> published = new ArrayList<>();
        inputSchema.get("properties").path(DOCUMENT_TYPE).path("enum").forEach(n -> published.add(n.asString()));
        List<String> expected = new ArrayList<>(List.of(BOTH));
        expected.addAll(documents.keySet());
        if (!published.equals(expected)) {
            throw x.problem("documents", "must match inputSchema." + DOCUMENT_TYPE + ".enum " + published
                    + " after \"" + BOTH + "\" (names and order), got " + documents.keySet());
        }
        List<String> undecided = x.strings("undecided");
        if (undecided.isEmpty()) {
            throw x.problem("undecided", "must name the approval statuses still waiting for a decision");
        }
        int oldest = x.optional("oldest").map(JsonNode::asInt).orElse(5);
        if (oldest < 1 || oldest > 25) {
            throw x.problem("oldest", "must be 1..25, got " + oldest);
        }
        return new BacklogBlock(x.requiredText("entity"), x.requiredText("entities"), x.requiredText("listTool"),
                documents, undecided, AgeBuckets.parse(x, "buckets"), oldest);
    }

    private static BacklogBlock.Document document(BindingBlock x, String where, String name, JsonNode d) {
        Set<String> keys = Set.of("resource", "scope", "entities", "status", "total", "currency", "number",
                "approvals", "fields");
        Set<String> given = d.isObject() ? new HashSet<>(d.propertyNames()) : Set.of();
        given.remove("freeText");
        if (!d.isObject() || !keys.equals(given)) {
            throw x.problem(where, "must set exactly " + keys + " (and optionally freeText), got "
                    + (d.isObject() ? d.propertyNames() : d));
        }
        FreeText freeText = new FreeText(freeTextPaths(x, where, d.get("freeText")));
        for (String key : keys) {
            if (!key.equals("fields") && (!d.get(key).isString() || d.get(key).asString().isBlank())) {
                throw x.problem(where + "." + key, "must be a non-empty string");
            }
        }
        if (!d.get("fields").isArray() || d.get("fields").isEmpty()) {
            throw x.problem(where + ".fields", "must be a non-empty Coupa fields array");
        }
        Fields fields = Fields.parse(d.get("fields").toString());
        String approvals = d.get("approvals").asString();
        RecordBlocks.checkProjected(x, fields, List.of("id", d.get("total").asString(), d.get("currency").asString(),
                d.get("number").asString()));
        if (fields.topLevelNames().contains(approvals) || fields.topLevelNames().contains(approvals.replace('-', '_'))) {
            throw x.problem(where + ".fields", "must not project " + approvals + ": the kind adds what it reads");
        }
        Fields withChain = Fields.parse(fields.toJson().add(Json.object()
                .set(approvals, APPROVAL_FIELDS.toJson())).toString());
        return new BacklogBlock.Document(name, d.get("resource").asString(), d.get("scope").asString(),
                d.get("entities").asString(), d.get("status").asString(), d.get("total").asString(),
                d.get("currency").asString(), d.get("number").asString(), approvals, withChain,
                freeText.covers(RecordCompactor.snake(d.get("number").asString())));
    }

    /** The document's free-text paths ({@code {"$include": "free_text/<entity>"}}), as list and get tools declare. */
    private static List<String> freeTextPaths(BindingBlock x, String where, JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw x.problem(where + ".freeText", "must be an array of output paths");
        }
        List<String> paths = new ArrayList<>();
        node.forEach(p -> paths.add(p.asString()));
        return paths;
    }

    @Override
    public ToolHandler handler(ToolSpec spec, ToolContext context) {
        return new BacklogToolHandler(spec, (BacklogBlock) spec.block(), context);
    }
}
