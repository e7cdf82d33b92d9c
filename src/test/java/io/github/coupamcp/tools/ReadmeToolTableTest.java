package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeToolTableTest {
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
