package io.github.coupamcp.sandbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A fresh SMALL store on a fixed clock, plus helpers to find records and read write results. */
class WriteFixture {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-07-01T12:00:00Z"), ZoneOffset.UTC);

    final SandboxStore store = SandboxData.generate(11, Scale.SMALL, CLOCK);

    SandboxCollection c(String name) {
        return store.collection(name);
    }

    static ObjectNode json(String text) {
        return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    static JsonNode tree(String text) {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    ObjectNode first(String collection, Predicate<ObjectNode> test) {
        SandboxCollection col = c(collection);
        for (long id : col.ids()) {
            ObjectNode n = col.render(id);
            if (test.test(n)) {
                return n;
            }
        }
        throw new AssertionError("no " + collection + " matches");
    }

    ObjectNode withStatus(String collection, String status) {
        return first(collection, n -> n.get("status").asString().equals(status));
    }

    static ObjectNode ok(WriteResult r) {
        assertThat(r).isInstanceOf(WriteResult.Ok.class);
        return ((WriteResult.Ok) r).record();
    }

    static ObjectNode created(WriteResult r) {
        assertThat(r).as(String.valueOf(r)).isInstanceOf(WriteResult.Ok.class);
        assertThat(((WriteResult.Ok) r).created()).isTrue();
        return ((WriteResult.Ok) r).record();
    }

    /** The messages under the single Coupa error key. */
    static List<String> errors(WriteResult r, String key) {
        assertThat(r).as(String.valueOf(r)).isInstanceOf(WriteResult.Invalid.class);
        Map<String, List<String>> errors = ((WriteResult.Invalid) r).errors();
        assertThat(errors).containsOnlyKeys(key);
        return errors.get(key);
    }

    static String text(JsonNode n, String field) {
        return n.get(field).asString();
    }

    static long id(JsonNode n) {
        return n.get("id").asLong();
    }
}
