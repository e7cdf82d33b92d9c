package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.schema.SchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The toolsets of a tool folder and which of them are core, read from {@code tools-schema/toolsets.json} (data, so
 * the default catalogue is decided in one place): the core toolsets are published by default, the others when
 * named or with {@link #ALL}. A folder without the file (a test's) treats every toolset as core.
 */
public final class Toolsets {
    public static final String FILE = "toolsets.json";
    /** Names every toolset. */
    public static final String ALL = "all";
    /** Names the core toolsets, e.g. {@code core,contracts} adds contracts to the default. */
    public static final String CORE = "core";

    private final Map<String, Boolean> coreByName;
    private final Map<String, String> descriptions;

    private Toolsets(Map<String, Boolean> coreByName, Map<String, String> descriptions) {
        this.coreByName = Map.copyOf(coreByName);
        this.descriptions = Map.copyOf(descriptions);
    }

    /** Reads the declarations and checks that they name exactly the toolsets the tool files use. */
    public static Toolsets load(SchemaSource source, Collection<String> used) {
        Map<String, Boolean> declared = new TreeMap<>();
        Map<String, String> descriptions = new TreeMap<>();
        String text = source.read(FILE).orElse(null);
        if (text == null) {
            used.forEach(t -> declared.put(t, true));
            return new Toolsets(declared, descriptions);
        }
        String where = source.describe(FILE);
        JsonNode toolsets;
        try {
            toolsets = Json.MAPPER.readTree(text).path("toolsets");
        } catch (JacksonException e) {
            throw new ToolSchemaException(where, "invalid JSON: " + e.getOriginalMessage());
        }
        if (!toolsets.isObject()) {
            throw new ToolSchemaException(where, "needs a \"toolsets\" object: {\"<toolset>\": {\"core\": true|false}}");
        }
        for (Map.Entry<String, JsonNode> e : toolsets.properties()) {
            JsonNode core = e.getValue().path("core");
            if (!core.isBoolean()) {
                throw new ToolSchemaException(where, "toolset '" + e.getKey() + "' needs \"core\": true or false");
            }
            declared.put(e.getKey(), core.asBoolean());
            JsonNode description = e.getValue().get("description");
            if (description != null && !description.isString()) {
                throw new ToolSchemaException(where, "toolset '" + e.getKey() + "': \"description\" must be a string");
            }
            if (description != null) {
                descriptions.put(e.getKey(), description.asString());
            }
        }
        Set<String> undeclared = new TreeSet<>(used);
        undeclared.removeAll(declared.keySet());
        if (!undeclared.isEmpty()) {
            throw new ToolSchemaException(where, "toolsets " + undeclared + " have tools but are not declared; add "
                    + "each with \"core\": true (published by default) or false (enabled by name or with all)");
        }
        Set<String> empty = new TreeSet<>(declared.keySet());
        empty.removeAll(used);
        if (!empty.isEmpty()) {
            throw new ToolSchemaException(where, "toolsets " + empty + " are declared but have no tool files");
        }
        return new Toolsets(declared, descriptions);
    }

    /** What a toolset holds, in words, when toolsets.json says it (optional). */
    public Optional<String> description(String toolset) {
        return Optional.ofNullable(descriptions.get(toolset));
    }

    /** Every toolset, sorted. */
    public Set<String> names() {
        return new TreeSet<>(coreByName.keySet());
    }

    /** The toolsets published when none are named. */
    public Set<String> core() {
        Set<String> core = new TreeSet<>();
        coreByName.forEach((name, isCore) -> {
            if (isCore) {
                core.add(name);
            }
        });
        return core;
    }

    /**
     * The toolsets a setting enables: none named = the core ones; {@code all} and {@code core} stand for their
     * groups; any other name must be a toolset.
     *
     * @throws IllegalArgumentException naming the unknown toolset and the known ones
     */
    public Set<String> select(Set<String> requested) {
        if (requested.isEmpty()) {
            return core();
        }
        Set<String> enabled = new LinkedHashSet<>();
        for (String name : new TreeSet<>(requested)) {
            switch (name) {
                case ALL -> enabled.addAll(names());
                case CORE -> enabled.addAll(core());
                default -> {
                    if (!coreByName.containsKey(name)) {
                        throw new IllegalArgumentException("unknown toolset '" + name + "'"
                                + ClosestNames.hint(name, names()) + "; known toolsets: "
                                + names() + ", or " + CORE + " (" + String.join(", ", core()) + ") or " + ALL);
                    }
                    enabled.add(name);
                }
            }
        }
        return enabled;
    }
}
