package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeToolTableTest {
    private static final Path README = Path.of("README.md");
    private static final String REGENERATE = "mvn -B -o test -Dtest=ReadmeToolTableTest -Dreadme.update=true"
            + " (or: java -cp target/classes io.github.coupamcp.tools.ReadmeToolTable README.md)";

    @Test
    void readmeToolTableIsCurrent() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String table = ReadmeToolTable.render(ToolRegistry.load(ToolSettings.defaults()).definitions());
        String expected = ReadmeToolTable.replaceSection(readme, table);
        if (Boolean.getBoolean("readme.update")) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
            return;
        }
        if (!expected.equals(readme)) {
            fail("README.md's tool table is stale (tools-schema/ changed). Regenerate it with: " + REGENERATE);
        }
    }

    @Test
    void tableHasOneRowPerToolWithItsFirstSentence() {
        ToolDefinition.Hints ro = new ToolDefinition.Hints(true, false, true, true);
        ToolDefinition tool = new ToolDefinition("list_things", "List things", "Lists things. More words here.",
                "things", null, null, ro);
        assertThat(ReadmeToolTable.render(List.of(tool))).endsWith(
                "| Tool | Toolset | Title | Read-only | Description |\n|---|---|---|---|---|\n"
                        + "| `list_things` | things | List things | yes | Lists things. |\n");
    }

    @Test
    void missingMarkersAreReported() {
        assertThatThrownBy(() -> ReadmeToolTable.replaceSection("# readme\n", "x"))
                .hasMessageContaining("<!-- tools:start -->");
    }
}
