package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code fields} projection sent to Coupa for one call: the tool's compact default, or its full list with
 * {@code detail: "full"}, widened by the agent's extra {@code fields} ({@code comments}, {@code payment_term.code}).
 */
final class Projection {
    private Projection() {}

    static Fields resolve(CoupaBinding binding, ObjectNode args) {
        boolean full = "full".equals(args.path("detail").asString("compact"));
        Fields base = full ? binding.fullFields() : binding.fields();
        JsonNode extra = args.get("fields");
        if (extra == null || extra.isEmpty()) {
            return base;
        }
        List<String> requested = new ArrayList<>();
        extra.forEach(field -> requested.add(field.asString()));
        List<String> unknown = FieldVocabulary.of(binding).problems(requested);
        if (!unknown.isEmpty()) {
            throw new InvalidArgumentsException(unknown);
        }
        ArrayNode spec = base.toJson();
        for (String field : requested) {
            add(spec, coupaName(binding, field));
        }
        return Fields.parse(spec.toString());
    }

    /** An output name the tool renames ({@code total}) stands for the Coupa field behind it. */
    private static String coupaName(CoupaBinding binding, String field) {
        for (Map.Entry<String, String> rename : binding.compaction().renames().entrySet()) {
            if (sameName(rename.getValue(), field)) {
                return rename.getKey();
            }
        }
        return field;
    }

    private static void add(ArrayNode spec, String field) {
        String[] parts = field.replace('_', '-').split("\\.", 2);
        String name = parts[0];
        ObjectNode association = associationItem(spec, name);
        if (parts.length == 1) {
            if (association == null && !containsName(spec, name)) {
                spec.add(name);
            }
            return;
        }
        if (association == null) {
            if (containsName(spec, name)) {
                return; // the whole association is already asked for
            }
            association = Json.object();
            association.set(name, Json.array());
            spec.add(association);
        }
        // one key per association item; its spelling may differ from the agent's (custom_fields / custom-fields)
        JsonNode sub = association.properties().iterator().next().getValue();
        if (sub instanceof ArrayNode subFields && !containsName(subFields, parts[1])) {
            subFields.add(parts[1]);
        }
    }

    private static boolean containsName(ArrayNode spec, String name) {
        for (JsonNode item : spec) {
            if (item.isString() && sameName(item.asString(), name)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode associationItem(ArrayNode spec, String name) {
        for (JsonNode item : spec) {
            if (item instanceof ObjectNode object) {
                for (Map.Entry<String, JsonNode> e : object.properties()) {
                    if (sameName(e.getKey(), name)) {
                        return object;
                    }
                }
            }
        }
        return null;
    }

    private static boolean sameName(String a, String b) {
        return a.replace('_', '-').equals(b.replace('_', '-'));
    }
}
