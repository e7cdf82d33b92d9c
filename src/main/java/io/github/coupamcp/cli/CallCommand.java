package io.github.coupamcp.cli;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.ToolOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "call", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Call one tool and print the result as JSON on stdout.",
        "Exit code 1 when the tool answers with an error."})
final class CallCommand extends ServerCommand {
    @Parameters(index = "0", paramLabel = "TOOL", description = "Tool name (see the tools command).")
    String tool;

    @Parameters(index = "1", paramLabel = "JSON-ARGS", defaultValue = "{}",
            description = "Arguments as one JSON object, e.g. '{\"status\":\"approved\",\"limit\":5}'.")
    String arguments;

    @Override
    public Integer call() {
        ObjectNode args = parseArguments(arguments);
        try (Backend backend = openBackend(config())) {
            awaitConnection(backend); // a script wants Coupa's refusal as the exit code, not as a tool result
            ToolOutcome outcome = backend.catalog().call(tool, args);
            cli().out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(outcome)));
            return outcome.isError() ? 1 : 0;
        }
    }

    /** Same field names as an MCP CallToolResult, so scripts can switch between the two. */
    static ObjectNode toJson(ToolOutcome outcome) {
        ObjectNode json = Json.object();
        json.put("isError", outcome.isError());
        json.put("text", outcome.text());
        if (outcome.structured() != null) {
            json.set("structuredContent", outcome.structured());
        }
        return json;
    }

    static ObjectNode parseArguments(String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new UsageError("JSON-ARGS is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new UsageError("JSON-ARGS must be a JSON object, e.g. '{\"limit\":5}'");
        }
        return object;
    }
}
