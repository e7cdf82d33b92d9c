package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Index of the Swagger 2.0 definitions in Coupa's R39 files: definition name -> property name -> what R39 says
 * about it (the referenced definition for objects and arrays, the enum for strings). A definition that appears
 * in several files is merged (R39 repeats them identically).
 */
final class SwaggerIndex {
    record Property(String ref, boolean array, String type, Set<String> enumValues) {}

    private final Map<String, Map<String, Property>> definitions = new HashMap<>();

    static SwaggerIndex load(Path dir) throws IOException {
        SwaggerIndex index = new SwaggerIndex();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = Json.MAPPER.readTree(f.toFile());
                JsonNode defs = root.path("definitions");
                for (String name : defs.propertyNames()) {
                    index.add(name, defs.get(name).path("properties"));
                }
            }
        }
        return index;
    }

    private void add(String name, JsonNode properties) {
        Map<String, Property> props = definitions.computeIfAbsent(name, k -> new HashMap<>());
        for (String p : properties.propertyNames()) {
            JsonNode spec = properties.get(p);
            boolean array = "array".equals(spec.path("type").asString(""));
            String ref = refName(array ? spec.path("items") : spec);
            Set<String> enumValues = null;
            if (spec.has("enum")) {
                enumValues = new TreeSet<>();
                for (JsonNode v : spec.get("enum")) {
                    enumValues.add(v.asString());
                }
            }
            props.putIfAbsent(p, new Property(ref, array, spec.path("type").asString(""), enumValues));
        }
    }

    private static String refName(JsonNode node) {
        String ref = node.path("$ref").asString("");
        return ref.isEmpty() ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }

    boolean has(String definition) {
        return definitions.containsKey(definition);
    }

    Map<String, Property> properties(String definition) {
        return definitions.getOrDefault(definition, Map.of());
    }

    List<String> names() {
        return List.copyOf(definitions.keySet());
    }
}
