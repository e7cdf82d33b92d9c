package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ObjectNode;

/** A tiny catalogue for testing the MCP wiring without Coupa: echo, an error outcome and a crashing tool. */
public final class FakeCatalog implements ToolCatalog {
    public final AtomicInteger calls = new AtomicInteger();

    private static ObjectNode parse(String json) {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    @Override
    public List<ToolDefinition> tools() {
        return List.of(
                new ToolDefinition("echo", "Echo", "Echoes the text back", "test",
                        parse("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                                + "\"required\":[\"text\"]}"),
                        parse("{\"type\":\"object\",\"properties\":{\"echoed\":{\"type\":\"string\"}},"
                                + "\"required\":[\"echoed\"]}"),
                        new ToolDefinition.Hints(true, false, true, false)),
                new ToolDefinition("fail", "Fail", "Always answers with an error", "test",
                        parse("{\"type\":\"object\",\"properties\":{}}"),
                        parse("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\"}},"
                                + "\"required\":[\"x\"]}"),
                        new ToolDefinition.Hints(true, false, true, true)),
                new ToolDefinition("boom", "Boom", "Throws, as a bug would", "test",
                        parse("{\"type\":\"object\",\"properties\":{}}"), null,
                        new ToolDefinition.Hints(false, true, false, true)));
    }

    @Override
    public ToolOutcome call(String name, ObjectNode arguments) {
        calls.incrementAndGet();
        return switch (name) {
            case "echo" -> {
                ObjectNode out = Json.object();
                out.put("echoed", arguments.path("text").asString());
                yield ToolOutcome.success(out, "echoed " + arguments.path("text").asString());
            }
            case "fail" -> ToolOutcome.error("Invoice 42 not found. List invoices to find a valid id.");
            case "boom" -> throw new IllegalStateException("secret internals at line 7");
            default -> ToolOutcome.error("Unknown tool " + name);
        };
    }

    @Override
    public ToolOutcome customFields() {
        calls.incrementAndGet();
        ObjectNode out = Json.object();
        out.putArray("types");
        return ToolOutcome.success(out, "no custom fields");
    }
}
