package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.fail;

import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * Each published tool must equal its snapshot in src/test/resources/toolsnaps/, so a changed schema is a reviewed
 * diff. Regenerate (with the tool index) using
 * {@code mvn -B -o test -Dtest='PublishedToolsTest,ToolSnapshotTest' -Dtoolsnaps.update=true}.
 */
class ToolSnapshotTest {
    static final Path SNAPSHOTS = Path.of("src/test/resources/toolsnaps");
    private static final String UPDATE =
            "mvn -B -o test -Dtest='PublishedToolsTest,ToolSnapshotTest' -Dtoolsnaps.update=true";

    static List<ToolDefinition> tools() {
        return PublishedToolsTest.tools();
    }

    static String render(ToolDefinition tool) {
        return Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(ToolDefinitionJson.of(tool)) + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tools")
    void matchesSnapshot(ToolDefinition tool) throws IOException {
        Path file = SNAPSHOTS.resolve(tool.name() + ".json");
        String actual = render(tool);
        if (Boolean.getBoolean("toolsnaps.update")) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(file, actual);
            return;
        }
        if (!Files.exists(file)) {
            fail("No snapshot for tool " + tool.name() + " (" + file + "). Create it with: " + UPDATE);
        }
        JsonNode expected = Json.MAPPER.readTree(Files.readString(file));
        if (!expected.equals(Json.MAPPER.readTree(actual))) {
            fail("Published tool " + tool.name() + " differs from its snapshot " + file + ".\n"
                    + "If the change is intended, review it and regenerate with: " + UPDATE + "\n"
                    + "expected: " + expected + "\nactual:   " + Json.MAPPER.readTree(actual));
        }
    }
}
