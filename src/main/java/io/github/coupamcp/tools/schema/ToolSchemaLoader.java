package io.github.coupamcp.tools.schema;

import io.github.coupamcp.tools.ToolKinds;
import io.github.coupamcp.tools.ToolSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads every tool file of a source, failing fast on the first bad file (the exception names it). */
public final class ToolSchemaLoader {
    private ToolSchemaLoader() {}

    public static List<ToolSpec> load(SchemaSource source) {
        return load(source, ToolKinds.BUILT_IN);
    }

    public static List<ToolSpec> load(SchemaSource source, ToolKinds kinds) {
        ToolFileParser parser = new ToolFileParser(source, kinds);
        List<ToolSpec> specs = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (String file : source.toolFiles()) {
            ToolSpec spec = parser.parse(file);
            String previous = seen.putIfAbsent(spec.name(), spec.file());
            if (previous != null) {
                throw new ToolSchemaException(spec.file(),
                        "tool name '" + spec.name() + "' already defined in " + previous);
            }
            specs.add(spec);
        }
        if (specs.isEmpty()) {
            throw new ToolSchemaException(source.describe(""), "no tool files found");
        }
        return specs;
    }
}
