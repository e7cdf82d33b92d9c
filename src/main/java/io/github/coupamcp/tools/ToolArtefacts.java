package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.schema.ClasspathSchemaSource;
import io.github.coupamcp.tools.schema.DirectorySchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;

/**
 * The files generated from {@code tools-schema/}: its {@code index.json} (a jar cannot be listed), one snapshot of
 * each published tool ({@code src/test/resources/toolsnaps/}, so a changed schema is a reviewed diff) and the README's
 * tool table. All are rendered from the folder on disk, never from the classpath: the classpath holds the previous
 * build's index, so a new tool file would be missed until a second run. {@link #REGENERATE} writes them all at once.
 */
public final class ToolArtefacts {
    public static final String REGENERATE = "mvn -B test -Dtest=ToolArtefactsTest -Dtools.regenerate=true";
    static final String SCHEMA_DIR = "tools-schema";
    static final String SNAPSHOT_DIR = "src/test/resources/toolsnaps";
    static final String README = "README.md";

    private ToolArtefacts() {}

    /** Every generated file, path relative to the project root mapped to its content. */
    public static Map<String, String> render(Path root) {
        DirectorySchemaSource source = new DirectorySchemaSource(root.resolve(SCHEMA_DIR));
        List<ToolDefinition> tools = ToolSchemaLoader.load(source).stream().map(ToolSpec::definition).toList();
        Map<String, String> files = new TreeMap<>();
        files.put(SCHEMA_DIR + "/" + ClasspathSchemaSource.INDEX, index(source.toolFiles()));
        tools.forEach(t -> files.put(SNAPSHOT_DIR + "/" + t.name() + ".json", snapshot(t)));
        files.put(README, ReadmeToolTable.replaceSection(read(root.resolve(README)), ReadmeToolTable.render(tools)));
        return files;
    }

    /** Generated files that are missing or differ, and snapshots of tools that no longer exist. */
    public static List<String> stale(Path root) {
        Map<String, String> expected = render(root);
        List<String> stale = new ArrayList<>(orphanSnapshots(root, expected));
        expected.forEach((path, content) -> {
            Path file = root.resolve(path);
            if (!Files.exists(file) || !read(file).equals(content)) {
                stale.add(path);
            }
        });
        return stale;
    }

    /** Brings every generated file up to date in one pass; returns the paths written or deleted. */
    public static List<String> write(Path root) throws IOException {
        Map<String, String> expected = render(root);
        List<String> changed = new ArrayList<>();
        for (String orphan : orphanSnapshots(root, expected)) {
            Files.delete(root.resolve(orphan));
            changed.add(orphan);
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = root.resolve(e.getKey());
            if (!Files.exists(file) || !read(file).equals(e.getValue())) {
                Files.createDirectories(file.getParent() == null ? root : file.getParent());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                changed.add(e.getKey());
            }
        }
        return changed;
    }

    /** A tool as MCP lists it, indented, one file per tool. */
    public static String snapshot(ToolDefinition tool) {
        return Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(ToolDefinitionJson.of(tool)) + "\n";
    }

    private static String index(List<String> toolFiles) {
        String lines = String.join(",\n", toolFiles.stream().map(f -> "    \"" + f + "\"").toList());
        return "{\n  \"tools\": [\n" + lines + "\n  ]\n}\n";
    }

    private static List<String> orphanSnapshots(Path root, Map<String, String> expected) {
        Path dir = root.resolve(SNAPSHOT_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> SNAPSHOT_DIR + "/" + f.getFileName())
                    .filter(p -> p.endsWith(".json") && !expected.containsKey(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
