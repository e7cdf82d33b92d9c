package io.github.coupamcp.tools.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.tools.CoupaBinding;
import io.github.coupamcp.tools.ToolSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolSchemaLoaderTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            {
              "name": "list_things",
              "title": "List things",
              "description": "Lists things.",
              "annotations": {"readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": true},
              "inputSchema": {
                "type": "object",
                "properties": {
                  "name": {"type": "string"},
                  "$include": "paging"
                },
                "additionalProperties": false
              },
              "outputSchema": {"type": "object", "properties": {"items": {"type": "array"}}},
              "x-coupa": {
                "resource": "things", "kind": "list", "scope": "core.thing.read", "entity": "thing", "entities": "things",
                "fields": ["id", "name"],
                "filters": {"name": {"attribute": "name", "op": "contains"}}
              }
            }
            """;

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void writeFragments() throws IOException {
        write("_fragments/paging.json", """
                {"limit": {"type": "integer"}, "cursor": {"type": "string"}}
                """);
    }

    private List<ToolSpec> load() {
        return ToolSchemaLoader.load(new DirectorySchemaSource(dir));
    }

    @Test
    void loadsAGoodFileWithFragmentsInlinedAndBindingStripped() throws IOException {
        writeFragments();
        write("things/list_things.json", GOOD);

        ToolSpec spec = load().get(0);

        assertThat(spec.definition().toolset()).isEqualTo("things");
        assertThat(spec.definition().inputSchema().get("properties").propertyNames())
                .containsExactly("name", "limit", "cursor");
        assertThat(spec.definition().inputSchema().toString()).doesNotContain("$include", "x-coupa");
        assertThat(spec.binding().kind()).isEqualTo(CoupaBinding.Kind.LIST);
        assertThat(spec.binding().filters().get("name").op()).isEqualTo(Op.CONTAINS);
        assertThat(spec.binding().listTool()).isEqualTo("list_things");
    }

    @Test
    void shippedToolsAllLoadFromTheClasspath() {
        List<ToolSpec> specs = ToolSchemaLoader.load(new ClasspathSchemaSource());
        assertThat(specs).extracting(ToolSpec::name).containsExactlyInAnyOrder("list_invoices", "get_invoice",
                "list_suppliers", "get_supplier", "list_purchase_orders", "get_purchase_order");
    }

    private void assertFails(String content, String expectedProblem) throws IOException {
        writeFragments();
        write("things/list_things.json", content);
        assertThatThrownBy(this::load)
                .isInstanceOf(ToolSchemaException.class)
                .hasMessageStartingWith("tools-schema/things/list_things.json: ")
                .hasMessageContaining(expectedProblem);
    }

    @Test
    void invalidJsonFailsNamingTheFile() throws IOException {
        assertFails(GOOD.replace("\"title\": \"List things\",", "\"title\": \"List things\""), "invalid JSON");
    }

    @Test
    void missingTitleFails() throws IOException {
        assertFails(GOOD.replace("\"title\": \"List things\",", ""), "missing or empty \"title\"");
    }

    @Test
    void missingDescriptionFails() throws IOException {
        assertFails(GOOD.replace("\"description\": \"Lists things.\",", ""), "\"description\"");
    }

    @Test
    void implicitAnnotationFails() throws IOException {
        assertFails(GOOD.replace(", \"openWorldHint\": true", ""), "openWorldHint must be set explicitly");
    }

    @Test
    void unknownFragmentFails() throws IOException {
        assertFails(GOOD.replace("\"$include\": \"paging\"", "\"$include\": \"nope\""),
                "unknown fragment 'nope' (no tools-schema/_fragments/nope.json)");
    }

    @Test
    void unknownFilterOperatorFails() throws IOException {
        assertFails(GOOD.replace("\"op\": \"contains\"", "\"op\": \"like\""), "unknown filter operator 'like'");
    }

    @Test
    void nextDayOnANonDateArgumentFails() throws IOException {
        assertFails(GOOD.replace("\"op\": \"contains\"", "\"op\": \"lt\", \"value\": \"next_day\""),
                "next_day needs an input with \"format\": \"date\"");
    }

    @Test
    void unknownValueTransformFails() throws IOException {
        assertFails(GOOD.replace("\"op\": \"contains\"", "\"op\": \"eq\", \"value\": \"lower\""),
                "unknown value transform 'lower'");
    }

    @Test
    void topLevelOneOfFails() throws IOException {
        assertFails(GOOD.replace("\"additionalProperties\": false\n", "\"additionalProperties\": false, \"oneOf\": []\n"),
                "top-level oneOf");
    }

    @Test
    void missingOutputSchemaFails() throws IOException {
        assertFails(GOOD.replace("\"outputSchema\": {\"type\": \"object\", \"properties\": {\"items\": {\"type\": \"array\"}}},", ""),
                "missing \"outputSchema\"");
    }

    @Test
    void argumentWithoutBindingFails() throws IOException {
        assertFails(GOOD.replace("\"name\": {\"type\": \"string\"},", "\"name\": {\"type\": \"string\"}, \"color\": {\"type\": \"string\"},"),
                "property 'color' is neither an x-coupa filter");
    }

    @Test
    void filterWithoutArgumentFails() throws IOException {
        assertFails(GOOD.replace("\"filters\": {", "\"filters\": {\"size\": {\"attribute\": \"size\", \"op\": \"eq\"}, "),
                "x-coupa.filters.size has no inputSchema property");
    }

    @Test
    void nameNotMatchingTheFileFails() throws IOException {
        assertFails(GOOD.replace("\"name\": \"list_things\"", "\"name\": \"list_stuff\""), "must be snake_case and match");
    }

    @Test
    void projectionWithoutIdFails() throws IOException {
        assertFails(GOOD.replace("\"fields\": [\"id\", \"name\"]", "\"fields\": [\"name\"]"), "must include \"id\"");
    }

    @Test
    void missingBindingFails() throws IOException {
        String noBinding = GOOD.substring(0, GOOD.indexOf(",\n  \"x-coupa\"")) + "\n}\n";
        assertFails(noBinding, "missing \"x-coupa\"");
    }

    @Test
    void openInputSchemaFails() throws IOException {
        assertFails(GOOD.replace("\"additionalProperties\": false", "\"additionalProperties\": true"),
                "additionalProperties\": false");
    }

    @Test
    void propertyDefinedTwiceThroughAFragmentFails() throws IOException {
        assertFails(GOOD.replace("\"name\": {\"type\": \"string\"},", "\"name\": {\"type\": \"string\"}, \"limit\": {\"type\": \"integer\"},"),
                "key 'limit' is defined twice");
    }

    @Test
    void fragmentCycleFails() throws IOException {
        write("_fragments/a.json", "{\"$include\": \"b\"}");
        write("_fragments/b.json", "{\"$include\": \"a\"}");
        write("things/list_things.json", GOOD.replace("\"$include\": \"paging\"", "\"$include\": \"a\""));
        assertThatThrownBy(this::load).hasMessageStartingWith("tools-schema/things/list_things.json: ")
                .hasMessageContaining("fragment cycle: a -> b -> a");
    }

    @Test
    void duplicateToolNamesFail() throws IOException {
        writeFragments();
        write("things/list_things.json", GOOD);
        write("zz/list_things.json", GOOD);
        assertThatThrownBy(this::load).hasMessageContaining("tools-schema/zz/list_things.json")
                .hasMessageContaining("already defined in tools-schema/things/list_things.json");
    }
}
