package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.shape.CompactionRules;
import io.github.coupamcp.shape.FreeText;
import io.github.coupamcp.tools.schema.BindingBlock;
import io.github.coupamcp.tools.schema.ListArgumentSchema;
import io.github.coupamcp.tools.schema.ToolSchemaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the write kinds' blocks and checks them against the input schema: every argument is sent (body) or resolved,
 * every path names an argument, and the confirmation token is an argument of every write tool.
 */
final class WriteBlocks {
    static final String TOKEN = "confirmation_token";

    private WriteBlocks() {}

    static WriteBlock read(BindingBlock x, ObjectNode inputSchema, String action, Set<String> from, String to,
            Map<String, String> unique, WriteBlock.Amount amount) {
        JsonNode properties = inputSchema.get("properties");
        if (!properties.has(TOKEN)) {
            throw new ToolSchemaException(x.file(), "a write tool needs a \"" + TOKEN + "\" argument (the "
                    + "confirmation step); include the write_token fragment");
        }
        BodyTemplate body = body(x, properties);
        Map<String, WriteBlock.Resolver> resolve = resolvers(x, properties);
        Set<String> covered = new LinkedHashSet<>(body.header().keySet());
        covered.addAll(resolve.keySet());
        covered.add(TOKEN);
        if (action != null) {
            covered.add("id");
        }
        for (String argument : properties.propertyNames()) {
            if (!covered.contains(argument)) {
                throw new ToolSchemaException(x.file(), "argument '" + argument + "' is neither sent (x-coupa.body) "
                        + "nor resolved (x-coupa.resolve)");
            }
        }
        List<List<String>> exactlyOne = new ArrayList<>();
        x.optional("exactlyOne").ifPresent(groups -> groups.forEach(group -> {
            List<String> names = new ArrayList<>();
            group.forEach(n -> names.add(n.asString()));
            if (names.size() < 2 || !names.stream().allMatch(properties::has)) {
                throw x.problem("exactlyOne", "must list groups of two or more arguments, got " + group);
            }
            exactlyOne.add(List.copyOf(names));
        }));
        String entities = x.requiredText("entities");
        JsonNode fieldsNode = x.required("fields");
        if (!fieldsNode.isArray() || fieldsNode.isEmpty()) {
            throw x.problem("fields", "must be a non-empty Coupa fields array");
        }
        Fields fields = Fields.parse(fieldsNode.toString());
        for (String needed : List.of("id", "updated-at")) {
            if (!fields.topLevelNames().contains(needed)) {
                throw x.problem("fields", "must include \"" + needed + "\" (writes check the record's version)");
            }
        }
        if (action != null && !fields.topLevelNames().contains("status")) {
            throw x.problem("fields", "must include \"status\" (actions check it first)");
        }
        Map<String, String> renames = new LinkedHashMap<>();
        x.optionalObject("rename").ifPresent(r -> r.properties().forEach(e -> renames.put(e.getKey(),
                e.getValue().asString())));
        boolean askHuman = x.optional("askHuman").map(JsonNode::asBoolean).orElse(false);
        return new WriteBlock(x.requiredText("resource"), x.requiredText("scope"), x.requiredText("entity"), entities,
                x.optionalText("listTool").orElse("list_" + entities.replace(' ', '_')), action, from, to, body,
                List.copyOf(exactlyOne), unique, resolve, amount, askHuman, fields,
                new CompactionRules(renames, List.of()), x.strings("line"), new FreeText(x.strings("freeText")));
    }

    private static BodyTemplate body(BindingBlock x, JsonNode properties) {
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, Map<String, String>> items = new LinkedHashMap<>();
        x.optionalObject("body").ifPresent(b -> b.properties().forEach(e -> {
            String argument = e.getKey();
            JsonNode property = properties.get(argument);
            if (property == null) {
                throw x.problem("body." + argument, "has no inputSchema property");
            }
            JsonNode v = e.getValue();
            if (v.isString()) {
                header.put(argument, v.asString());
                return;
            }
            JsonNode itemSchema = ListArgumentSchema.arrayForm(property).path("items");
            if (!v.isObject() || !v.path("path").isString() || !v.path("items").isObject()
                    || !"object".equals(itemSchema.path("type").asString())) {
                throw x.problem("body." + argument, "must be a Coupa path, or {\"path\": …, \"items\": {key: path}} "
                        + "for an array of objects");
            }
            header.put(argument, v.get("path").asString());
            Map<String, String> paths = new LinkedHashMap<>();
            v.get("items").properties().forEach(i -> {
                if (!itemSchema.path("properties").has(i.getKey())) {
                    throw x.problem("body." + argument + ".items." + i.getKey(), "is not a property of the items");
                }
                paths.put(i.getKey(), i.getValue().asString());
            });
            items.put(argument, paths);
        }));
        Map<String, String> defaults = new LinkedHashMap<>();
        x.optionalObject("lineDefaults").ifPresent(d -> d.properties().forEach(e -> {
            if (!header.containsKey(e.getKey()) || items.isEmpty()) {
                throw x.problem("lineDefaults." + e.getKey(), "must name a header argument of a tool with lines");
            }
            defaults.put(e.getKey(), e.getValue().asString());
        }));
        return new BodyTemplate(header, items, defaults);
    }

    private static Map<String, WriteBlock.Resolver> resolvers(BindingBlock x, JsonNode properties) {
        Map<String, WriteBlock.Resolver> out = new LinkedHashMap<>();
        x.optionalObject("resolve").ifPresent(r -> r.properties().forEach(e -> {
            JsonNode v = e.getValue();
            String into = v.path("into").asString("");
            if (!properties.has(e.getKey()) || !properties.has(into) || !v.path("resource").isString()
                    || !v.path("attribute").isString() || !v.path("entity").isString()) {
                throw x.problem("resolve." + e.getKey(), "must be {resource, attribute, entity, into: <id argument>} "
                        + "for an argument of this tool");
            }
            out.put(e.getKey(), new WriteBlock.Resolver(v.get("resource").asString(), v.get("attribute").asString(),
                    into, v.get("entity").asString(), v.path("listTool").asString("list_" + v.get("resource")
                            .asString())));
        }));
        return out;
    }

    static Map<String, String> unique(BindingBlock x, JsonNode properties) {
        Map<String, String> out = new LinkedHashMap<>();
        x.optionalObject("unique").ifPresent(u -> u.properties().forEach(e -> {
            if (!properties.has(e.getKey()) || !e.getValue().isString()) {
                throw x.problem("unique." + e.getKey(), "must map an argument to a Coupa filter attribute");
            }
            out.put(e.getKey(), e.getValue().asString());
        }));
        return out;
    }

    static WriteBlock.Amount amount(BindingBlock x, JsonNode properties) {
        return x.optionalObject("amount").map(a -> {
            String lines = a.path("lines").asString("");
            String currency = a.path("currency").asString("");
            if (!properties.has(lines) || !properties.has(currency) || !a.path("quantity").isString()
                    || !a.path("price").isString()) {
                throw x.problem("amount", "must be {lines, quantity, price, currency} naming arguments");
            }
            return new WriteBlock.Amount(lines, a.get("quantity").asString(), a.get("price").asString(), currency);
        }).orElse(null);
    }
}
