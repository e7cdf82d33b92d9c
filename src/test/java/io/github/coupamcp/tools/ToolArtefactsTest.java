package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated files (tools-schema/index.json, the snapshots in src/test/resources/toolsnaps/, the README's tool
 * table) match the tool files, so a changed schema is a reviewed diff. {@link ToolArtefacts#REGENERATE} rewrites them.
 */
class ToolArtefactsTest {
    private static final Path PROJECT = Path.of(".");

    @Test
    void generatedFilesMatchTheToolFiles() throws IOException {
        if (Boolean.getBoolean("tools.regenerate")) {
            ToolArtefacts.write(PROJECT).forEach(p -> System.out.println("regenerated " + p));
            return;
        }
        assertThat(ToolArtefacts.stale(PROJECT)).as("generated files out of step with tools-schema/; review the "
                + "change and regenerate them with: " + ToolArtefacts.REGENERATE).isEmpty();
    }

    /** Adding a tool is one file and one generator run: index, snapshot and README row all come from that run. */
    @Test
    void oneRunPicksUpANewToolFileEverywhere(@TempDir Path root) throws IOException {
        copyTree(PROJECT.resolve("tools-schema"), root.resolve("tools-schema"));
        Files.writeString(root.resolve("README.md"), "# x\n<!-- tools:start -->\n<!-- tools:end -->\n");
        Path snapshots = Files.createDirectories(root.resolve(ToolArtefacts.SNAPSHOT_DIR));
        Files.writeString(snapshots.resolve("removed_tool.json"), "{}\n");
        String neighbour = Files.readString(root.resolve("tools-schema/suppliers/list_suppliers.json"));
        Files.writeString(root.resolve("tools-schema/suppliers/list_vendors.json"),
                neighbour.replace("\"list_suppliers\"", "\"list_vendors\""));

        List<String> written = ToolArtefacts.write(root);

        assertThat(written).contains("tools-schema/index.json", ToolArtefacts.SNAPSHOT_DIR + "/list_vendors.json",
                ToolArtefacts.SNAPSHOT_DIR + "/removed_tool.json", "README.md");
        assertThat(Files.readString(root.resolve("tools-schema/index.json"))).contains("suppliers/list_vendors.json");
        assertThat(Files.readString(snapshots.resolve("list_vendors.json"))).contains("\"name\" : \"list_vendors\"");
        assertThat(snapshots.resolve("removed_tool.json")).doesNotExist();
        assertThat(Files.readString(root.resolve("README.md"))).contains("| `list_vendors` | suppliers |");
        assertThat(ToolArtefacts.stale(root)).as("nothing left for a second run").isEmpty();
        assertThat(ToolArtefacts.write(root)).isEmpty();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.writeString(target, Files.readString(file, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                }
            }
        }
    }
}
