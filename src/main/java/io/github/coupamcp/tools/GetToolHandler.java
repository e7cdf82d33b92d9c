package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.RecordCompactor;
import io.github.coupamcp.shape.Rendering;
import io.github.coupamcp.shape.SingleRecordFit;
import io.github.coupamcp.shape.TextRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generic get tool: by {@code id}, or by a natural key (invoice number, supplier name, PO number). A natural key is
 * looked up with a filtered list of at most 2 records, so "none" and "several" are reported instead of guessed.
 */
final class GetToolHandler implements ToolHandler {
    private final ToolSpec spec;
    private final ToolContext context;
    private final RecordCompactor compactor;

    GetToolHandler(ToolSpec spec, ToolContext context) {
        this.spec = spec;
        this.context = context;
        this.compactor = new RecordCompactor(spec.binding().compaction());
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments) {
        CoupaBinding b = spec.binding();
        Fields fields = Projection.resolve(b, arguments);
        List<String> keys = b.filters().keySet().stream().filter(arguments::has).toList();
        if (arguments.has("id")) {
            if (!keys.isEmpty()) {
                throw new InvalidArgumentsException("pass either id or " + String.join("/", keys) + ", not both");
            }
            ObjectNode record = context.client().get(b.resource(), arguments.get("id").asLong(), fields);
            return render(compactor.compact(record), arguments);
        }
        if (b.lookupKeys().stream().noneMatch(arguments::has)) {
            throw new InvalidArgumentsException(spec.name() + " needs id, or " + String.join(" or ", b.lookupKeys())
                    + describeQualifiers());
        }
        return byNaturalKey(arguments, keys, fields);
    }

    /** Two records at most: one is the answer, none or several are reported with what to do next. */
    private ToolOutcome byNaturalKey(ObjectNode arguments, List<String> keys, Fields fields) {
        CoupaBinding b = spec.binding();
        CoupaQuery query = QueryBuilder.withFilters(b, arguments)
                .orderBy("id", CoupaQuery.Direction.ASC)
                .fields(fields)
                .limit(2)
                .build();
        List<ObjectNode> rows = context.client().list(b.resource(), query);
        if (rows.size() == 1) {
            return render(compactor.compact(rows.get(0)), arguments);
        }
        String criteria = keys.stream().map(k -> k + "=" + arguments.get(k)).collect(Collectors.joining(", "));
        if (rows.isEmpty()) {
            // only names are matched partially by the list tools; a number sent there must still match exactly
            return ToolOutcome.error(ToolOutcome.Failure.NOT_FOUND, "No " + b.entity() + " matches " + criteria + ". "
                    + (keys.contains("name") ? "Use " + b.listTool() + " to search (it matches partial names)."
                    : "Numbers must match exactly: check it, or use " + b.listTool() + " to search by other filters."));
        }
        StringBuilder sb = new StringBuilder("Several " + b.entities() + " match " + criteria + ", for example:");
        rows.forEach(r -> sb.append("\n").append(TextRenderer.line(compactor.compact(r), b.line(), b.freeText())));
        sb.append("\nCall ").append(spec.name()).append(" with the id of the one you mean")
                .append(describeQualifiers().isEmpty() ? "." : ", or narrow it" + describeQualifiers() + ".");
        return ToolOutcome.error(sb.toString());
    }

    private String describeQualifiers() {
        List<String> qualifiers = new ArrayList<>(spec.binding().filters().keySet());
        qualifiers.removeAll(spec.binding().lookupKeys());
        return qualifiers.isEmpty() ? "" : " (optionally with " + String.join(" or ", qualifiers) + ")";
    }

    private ToolOutcome render(ObjectNode item, ObjectNode arguments) {
        boolean full = arguments.has("detail");
        Rendering result = SingleRecordFit.fit(item, context.budget(), (kept, trimNotes) -> {
            List<String> notes = trimNotes.isEmpty() ? List.of() : List.of("trimmed to fit the response budget ("
                    + String.join("; ", trimNotes) + "); ask for specific fields with the fields argument to see the"
                    + " rest");
            List<String> untrusted = spec.binding().freeText().present("item", List.of(kept));
            return new Rendering(structured(kept, notes, untrusted), text(kept,
                    ListToolHandler.withUntrusted(notes, untrusted), full));
        });
        return ToolOutcome.success(result.structured(), result.text());
    }

    private static ObjectNode structured(ObjectNode item, List<String> notes, List<String> untrusted) {
        ObjectNode structured = Json.object();
        structured.set("item", item);
        if (!notes.isEmpty()) {
            ArrayNode n = structured.putArray("notes");
            notes.forEach(n::add);
        }
        if (!untrusted.isEmpty()) {
            ArrayNode u = structured.putArray("untrusted");
            untrusted.forEach(u::add);
        }
        return structured;
    }

    private String text(ObjectNode item, List<String> notes, boolean full) {
        CoupaBinding b = spec.binding();
        StringBuilder sb = new StringBuilder(capitalize(b.entity())).append(' ')
                .append(TextRenderer.line(item, b.line(), b.freeText()))
                .append(". All fields are in the structured content")
                .append(full ? "." : "; detail=\"full\" adds lines and every documented field.");
        notes.forEach(n -> sb.append("\nNote: ").append(n));
        return sb.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
