package io.github.coupamcp.tools.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FragmentInlinerTest {
    private static final Map<String, String> FILES = Map.of(
            "_fragments/ref.json", "{\"type\": \"object\", \"properties\": {\"id\": {\"type\": \"integer\"}}}",
            "_fragments/fields/compact.json", "[\"id\", {\"supplier\": [\"id\", \"name\"]}]",
            "_fragments/paging.json", "{\"limit\": {\"type\": \"integer\"}}",
            "_fragments/record.json", "{\"type\": \"object\", \"properties\": {\"supplier\": {\"$include\": \"ref\"}}}",
            "_fragments/bad.json", "{nope");

    private final SchemaSource source = new SchemaSource() {
        @Override
        public List<String> toolFiles() {
            return List.of();
        }

        @Override
        public Optional<String> read(String relativePath) {
            return Optional.ofNullable(FILES.get(relativePath));
        }
    };

    private JsonNode inline(String json) {
        return new FragmentInliner(source).inline(Json.MAPPER.readTree(json), "t.json");
    }

    @Test
    void aLoneIncludeIsReplacedByAnyJsonValue() {
        assertThat(inline("{\"fields\": {\"$include\": \"fields/compact\"}}").toString())
                .isEqualTo("{\"fields\":[\"id\",{\"supplier\":[\"id\",\"name\"]}]}");
    }

    @Test
    void includesWithSiblingsMergeAfterTheObjectsOwnKeys() {
        assertThat(inline("{\"q\": {\"type\": \"string\"}, \"$include\": [\"paging\"]}").toString())
                .isEqualTo("{\"q\":{\"type\":\"string\"},\"limit\":{\"type\":\"integer\"}}");
    }

    @Test
    void fragmentsIncludeFragments() {
        assertThat(inline("{\"items\": {\"$include\": \"record\"}}").at("/items/properties/supplier/properties/id/type")
                .asString()).isEqualTo("integer");
    }

    @Test
    void aFragmentIncludedManyTimesIsReadOnceAndEveryCopyIsIndependent() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        SchemaSource counting = new SchemaSource() {
            @Override
            public List<String> toolFiles() {
                return List.of();
            }

            @Override
            public Optional<String> read(String relativePath) {
                reads.incrementAndGet();
                return source.read(relativePath);
            }
        };
        FragmentInliner inliner = new FragmentInliner(counting);
        JsonNode first = inliner.inline(Json.MAPPER.readTree("{\"a\": {\"$include\": \"paging\"}}"), "a.json");
        JsonNode second = inliner.inline(Json.MAPPER.readTree("[{\"$include\": \"paging\"}]"), "b.json");
        ((tools.jackson.databind.node.ObjectNode) first.get("a")).put("limit", "changed");
        assertThat(reads).hasValue(1);
        assertThat(second.toString()).isEqualTo("[{\"limit\":{\"type\":\"integer\"}}]");
        assertThat(inliner.inline(Json.MAPPER.readTree("{\"$include\": \"paging\"}"), "c.json").toString())
                .isEqualTo("{\"limit\":{\"type\":\"integer\"}}");
    }

    @Test
    void arraysAreWalked() {
        assertThat(inline("[{\"$include\": \"paging\"}, 1]").toString())
                .isEqualTo("[{\"limit\":{\"type\":\"integer\"}},1]");
    }

    @Test
    void badIncludesFailNamingTheToolFile() {
        assertThatThrownBy(() -> inline("{\"$include\": 3}")).hasMessageStartingWith("t.json: $include must name");
        assertThatThrownBy(() -> inline("{\"$include\": \"../secrets\"}")).hasMessageContaining("$include must name");
        assertThatThrownBy(() -> inline("{\"a\": 1, \"$include\": \"fields/compact\"}"))
                .hasMessage("t.json: fragment 'fields/compact' is not an object and cannot be merged");
        assertThatThrownBy(() -> inline("{\"$include\": \"bad\"}"))
                .hasMessageStartingWith("t.json: fragment tools-schema/_fragments/bad.json is invalid JSON");
    }
}
