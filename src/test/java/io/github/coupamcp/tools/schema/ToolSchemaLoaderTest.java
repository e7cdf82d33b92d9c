package io.github.coupamcp.tools.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.coupa.Op;
import io.github.coupamcp.tools.ToolKinds;
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
        assertThat(spec.kind().name()).isEqualTo("list");
        assertThat(spec.binding().filters().get("name").op()).isEqualTo(Op.CONTAINS);
        assertThat(spec.binding().listTool()).isEqualTo("list_things");
    }

    /** The jar loads what the folder holds: every tool file, through the index. */
    @Test
    void shippedToolsAllLoadFromTheClasspath() {
        List<ToolSpec> fromJar = ToolSchemaLoader.load(new ClasspathSchemaSource());
        List<ToolSpec> fromFolder = ToolSchemaLoader.load(new DirectorySchemaSource(Path.of("tools-schema")));
        assertThat(fromJar).extracting(ToolSpec::name).isNotEmpty()
                .containsExactlyElementsOf(fromFolder.stream().map(ToolSpec::name).toList());
    }

    private void assertFails(String content, String expectedProblem) throws IOException {
        writeFragments();
        write("things/list_things.json", content);
        assertThatThrownBy(this::load)
                .isInstanceOf(ToolSchemaException.class)
                .hasMessageStartingWith("tools-schema/things/list_things.json: ")
                .hasMessageContaining(expectedProblem);
    }

    /** A sortable list: orderBy publishes order_by (same names, same order) and dir. */
    private static final String SORTED = GOOD
            .replace("\"name\": {\"type\": \"string\"},", "\"name\": {\"type\": \"string\"}, \"order_by\": {\"type\": "
                    + "\"string\", \"enum\": [\"id\", \"name\"]}, \"dir\": {\"type\": \"string\", \"enum\": [\"asc\", \"desc\"]},")
            .replace("\"fields\": [\"id\", \"name\"],", "\"fields\": [\"id\", \"name\"], \"orderBy\": {\"id\": \"id\", "
                    + "\"name\": {\"attribute\": \"name\", \"nullable\": true}},");

    @Test
    void orderByLoadsItsFields() throws IOException {
        writeFragments();
        write("things/list_things.json", SORTED);
        ToolSpec spec = load().get(0);
        assertThat(spec.binding().orderBy()).containsOnlyKeys("id", "name");
        assertThat(spec.binding().orderBy().get("name").nullable()).isTrue();
        assertThat(spec.binding().orderBy().get("id").nullable()).isFalse();
    }

    @Test
    void orderByMustMatchThePublishedEnum() throws IOException {
        assertFails(SORTED.replace("\"enum\": [\"id\", \"name\"]", "\"enum\": [\"id\", \"nom\"]"),
                "x-coupa.orderBy must match inputSchema.order_by.enum [id, nom] (names and order), got [id, name]");
    }

    @Test
    void orderByMustSortAProjectedTopLevelField() throws IOException {
        assertFails(SORTED.replace("\"attribute\": \"name\"", "\"attribute\": \"created-at\""),
                "x-coupa.orderBy.name sorts by created-at, which fields and fullFields must include");
        assertFails(SORTED.replace("\"attribute\": \"name\"", "\"attribute\": \"supplier[name]\""),
                "x-coupa.orderBy.name must name a top-level Coupa attribute");
    }

    @Test
    void orderByArgumentsWithoutAnAllowlistAreNotCovered() throws IOException {
        assertFails(SORTED.replace("\"orderBy\": {\"id\": \"id\", \"name\": {\"attribute\": \"name\", \"nullable\": true}},",
                ""), "inputSchema property 'order_by' is neither in x-coupa.filters nor one of");
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
                "x-coupa.filters.name uses next_day, which needs an input with \"format\": \"date\"");
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
                "inputSchema property 'color' is neither in x-coupa.filters nor one of [limit, cursor, detail, fields]");
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

    @Test
    void unknownKindFailsListingTheKnownOnes() throws IOException {
        assertFails(GOOD.replace("\"kind\": \"list\"", "\"kind\": \"approve\""),
                "x-coupa.kind 'approve' is not a known kind; known kinds: "
                        + String.join(", ", ToolKinds.BUILT_IN.names()));
    }

    @Test
    void missingKindFails() throws IOException {
        assertFails(GOOD.replace("\"kind\": \"list\", ", ""), "x-coupa.kind is required: one of "
                + ToolKinds.BUILT_IN.names());
    }

    /** Each kind's block holds only what the kind means: a get's natural keys are not a list's. */
    @Test
    void keyOfAnotherKindFailsListingTheAllowedOnes() throws IOException {
        assertFails(GOOD.replace("\"fields\": [\"id\", \"name\"],", "\"fields\": [\"id\", \"name\"], \"keys\": {},"),
                "unknown x-coupa key 'keys' for kind list; allowed: [entities, entity, examples, fields, filters, "
                        + "freeText, fullFields, kind, line, listTool, orderBy, ranges, rename, resource, scope, sums, "
                        + "totals]");
    }

    /** A custom handler class used to be named in x-coupa.handler, bending a list or get into anything. */
    @Test
    void handlerClassIsNoLongerAKey() throws IOException {
        assertFails(GOOD.replace("\"fields\": [\"id\", \"name\"],", "\"fields\": [\"id\", \"name\"], \"handler\": \"x.Y\","),
                "unknown x-coupa key 'handler' for kind list");
    }

    @Test
    void missingRequiredKeyFailsNamingIt() throws IOException {
        assertFails(GOOD.replace("\"scope\": \"core.thing.read\", ", ""), "x-coupa.scope is required for kind list");
    }

    @Test
    void wrongTypesFailNamingTheKey() throws IOException {
        assertFails(GOOD.replace("\"entity\": \"thing\"", "\"entity\": 3"), "x-coupa.entity must be a non-empty string, got 3");
        assertFails(GOOD.replace("\"fields\": [\"id\", \"name\"],", "\"fields\": [\"id\", \"name\"], \"line\": \"name\","),
                "x-coupa.line must be an array of strings");
        assertFails(GOOD.replace("\"filters\": {\"name\": {\"attribute\": \"name\", \"op\": \"contains\"}}", "\"filters\": []"),
                "x-coupa.filters must be an object, got []");
    }

    private static final String GET = """
            {
              "name": "get_thing",
              "title": "Get one thing",
              "description": "Gets one thing.",
              "annotations": {"readOnlyHint": true, "destructiveHint": false, "idempotentHint": true, "openWorldHint": true},
              "inputSchema": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "code": {"type": "string"}, "owner_id": {"type": "integer"}},
                "additionalProperties": false
              },
              "outputSchema": {"type": "object", "properties": {"item": {"type": "object"}}},
              "x-coupa": {
                "resource": "things", "kind": "get", "scope": "core.thing.read", "entity": "thing", "entities": "things",
                "fields": ["id", "code"],
                "keys": {"code": {"attribute": "code", "op": "eq"}},
                "qualifiers": {"owner_id": {"attribute": "owner[id]", "op": "eq"}}
              }
            }
            """;

    @Test
    void getLooksUpByItsKeysNarrowedByQualifiers() throws IOException {
        write("things/get_thing.json", GET);

        ToolSpec spec = load().get(0);

        assertThat(spec.kind().name()).isEqualTo("get");
        assertThat(spec.binding().lookupKeys()).containsExactly("code");
        assertThat(spec.binding().filters()).containsOnlyKeys("code", "owner_id");
    }

    @Test
    void getBlockRejectsListKeysAndLooseQualifiers() throws IOException {
        write("things/get_thing.json", GET.replace("\"keys\"", "\"filters\": {}, \"keys\""));
        assertThatThrownBy(this::load).hasMessageStartingWith("tools-schema/things/get_thing.json: ")
                .hasMessageContaining("unknown x-coupa key 'filters' for kind get");
        write("things/get_thing.json", GET.replace("\"keys\": {\"code\": {\"attribute\": \"code\", \"op\": \"eq\"}},", ""));
        assertThatThrownBy(this::load).hasMessageContaining(
                "x-coupa.qualifiers narrow a natural key, but x-coupa.keys names none");
    }

    @Test
    void examplesAreCheckedAgainstTheToolsOwnInputSchema() throws IOException {
        String withExamples = GOOD.replace("\"fields\": [\"id\", \"name\"],",
                "\"fields\": [\"id\", \"name\"], \"examples\": [{}, {\"name\": \"a\", \"limit\": 2}],");
        writeFragments();
        write("things/list_things.json", withExamples);
        assertThat(load().get(0).examples()).hasSize(2);

        assertFails(withExamples.replace("{\"name\": \"a\", \"limit\": 2}", "{\"colour\": \"red\"}"),
                "x-coupa.examples[1] is not a valid call: unknown argument 'colour'");
        assertFails(withExamples.replace("{\"name\": \"a\", \"limit\": 2}", "{\"limit\": \"many\"}"),
                "x-coupa.examples[1] is not a valid call: limit");
        assertFails(withExamples.replace("[{}, {\"name\": \"a\", \"limit\": 2}]", "{}"),
                "x-coupa.examples must be an array of argument objects");
    }

    @Test
    void fragmentProseTakesTheToolsEntity() throws IOException {
        write("_fragments/paging.json", """
                {"limit": {"type": "integer", "description": "Most {entities} per page."}, "cursor": {"type": "string"}}
                """);
        write("things/list_things.json", GOOD);
        assertThat(load().get(0).definition().inputSchema().at("/properties/limit/description").asString())
                .isEqualTo("Most things per page.");

        write("_fragments/paging.json", """
                {"limit": {"type": "integer", "description": "Most {supplier} per page."}, "cursor": {"type": "string"}}
                """);
        assertThatThrownBy(this::load).hasMessage("tools-schema/things/list_things.json: fragment 'paging' uses "
                + "{supplier}, which this tool does not define (it defines [entity, entities])");
    }
}
