package io.github.coupamcp.tools.schema;

import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code tools-schema/} from the classpath (the pom packs the top-level folder into the jar). A jar cannot be
 * listed reliably, so the tool files are named by {@code tools-schema/index.json}, which a test keeps in step with
 * the folder.
 */
public final class ClasspathSchemaSource implements SchemaSource {
    public static final String ROOT = "tools-schema/";
    public static final String INDEX = "index.json";

    private final ClassLoader loader;

    public ClasspathSchemaSource(ClassLoader loader) {
        this.loader = loader;
    }

    public ClasspathSchemaSource() {
        this(ClasspathSchemaSource.class.getClassLoader());
    }

    @Override
    public List<String> toolFiles() {
        String index = read(INDEX).orElseThrow(() -> new ToolSchemaException(describe(INDEX),
                "missing from the classpath; the jar must contain tools-schema/ with its index"));
        JsonNode tools;
        try {
            tools = Json.MAPPER.readTree(index).get("tools");
        } catch (JacksonException e) {
            throw new ToolSchemaException(describe(INDEX), "invalid JSON: " + e.getOriginalMessage());
        }
        if (tools == null || !tools.isArray()) {
            throw new ToolSchemaException(describe(INDEX), "needs a \"tools\" array of tool file paths");
        }
        List<String> files = new ArrayList<>();
        tools.forEach(t -> files.add(t.asString()));
        return files;
    }

    @Override
    public Optional<String> read(String relativePath) {
        try (InputStream in = loader.getResourceAsStream(ROOT + relativePath)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe(relativePath), e);
        }
    }
}
