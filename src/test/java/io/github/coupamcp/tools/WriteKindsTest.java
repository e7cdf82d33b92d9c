package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.tools.schema.DirectorySchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaException;
import io.github.coupamcp.tools.schema.ToolSchemaLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write kinds' blocks are checked at load time, naming the file and the key. */
class WriteKindsTest {
    private static final String ACTION = """
            {
              "name": "close_thing", "title": "Close a thing", "description": "Closes a thing.",
              "annotations": {"readOnlyHint": false, "destructiveHint": true, "idempotentHint": true, "openWorldHint": true},
              "inputSchema": {
                "type": "object",
                "properties": {
                  "id": {"type": "integer", "minimum": 1, "description": "Id."},
                  "note": {"type": "string", "maxLength": 50, "description": "Why."},
                  "confirmation_token": {"type": "string", "maxLength": 1000, "description": "Token."}
                },
                "required": ["id"],
                "additionalProperties": false
              },
              "outputSchema": {"type": "object", "properties": {}},
              "x-coupa": {
                "kind": "action", "resource": "things", "scope": "core.thing.write", "entity": "thing",
                "entities": "things", "action": "close", "from": ["open"], "to": "closed",
                "fields": ["id", "status", "updated-at"], "body": {"note": "closing-note"}
              }
            }
            """;

    @TempDir
    Path dir;

    private void write(String content) throws IOException {
        Files.createDirectories(dir.resolve("things"));
        Files.writeString(dir.resolve("things/close_thing.json"), content);
    }

    private void assertFails(String content, String problem) throws IOException {
        write(content);
        assertThatThrownBy(() -> ToolSchemaLoader.load(new DirectorySchemaSource(dir)))
                .isInstanceOf(ToolSchemaException.class)
                .hasMessageStartingWith("tools-schema/things/close_thing.json: ").hasMessageContaining(problem);
    }

    @Test
    void anActionBlockLoads() throws IOException {
        write(ACTION);
        WriteBlock block = (WriteBlock) ToolSchemaLoader.load(new DirectorySchemaSource(dir)).get(0).block();
        assertThat(block.writes()).isTrue();
        assertThat(block.action()).isEqualTo("close");
        assertThat(block.from()).containsExactly("open");
        assertThat(block.body().build(io.github.coupamcp.json.Json.object().put("id", 3).put("note", "done")))
                .hasToString("{\"closing-note\":\"done\"}");
    }

    @Test
    void badBlocksFailNamingTheProblem() throws IOException {
        assertFails(ACTION.replace("\"confirmation_token\": {\"type\": \"string\", \"maxLength\": 1000, "
                + "\"description\": \"Token.\"}", "\"other\": {\"type\": \"string\", \"description\": \"x\"}"),
                "a write tool needs a \"confirmation_token\" argument");
        assertFails(ACTION.replace("\"body\": {\"note\": \"closing-note\"}", "\"body\": {}"),
                "argument 'note' is neither sent (x-coupa.body) nor resolved (x-coupa.resolve)");
        assertFails(ACTION.replace("\"from\": [\"open\"], ", ""), "x-coupa.from must list the statuses");
        assertFails(ACTION.replace("\"updated-at\"", "\"name\""), "must include \"updated-at\"");
        assertFails(ACTION.replace("\"body\": {\"note\": \"closing-note\"}", "\"body\": {\"nope\": \"x\"}"),
                "x-coupa.body.nope has no inputSchema property");
        assertFails(ACTION.replace("\"to\": \"closed\",", "\"to\": \"closed\", \"unique\": {},"),
                "unknown x-coupa key 'unique' for kind action");
    }
}
