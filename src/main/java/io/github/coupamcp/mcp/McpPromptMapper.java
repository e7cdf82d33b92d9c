package io.github.coupamcp.mcp;

import io.github.coupamcp.prompts.PromptArgumentsException;
import io.github.coupamcp.prompts.PromptRenderer;
import io.github.coupamcp.prompts.PromptTemplate;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the protocol-free prompt templates onto the SDK's (stateless, see {@link McpResourceMapper}) prompt
 * specifications; bad arguments are invalid params.
 */
final class McpPromptMapper {
    private McpPromptMapper() {}

    static List<SyncPromptSpecification> specifications(List<PromptTemplate> prompts, PromptRenderer renderer) {
        return prompts.stream().map(prompt -> new SyncPromptSpecification(prompt(prompt),
                (context, request) -> get(prompt, renderer, request.arguments()))).toList();
    }

    static Prompt prompt(PromptTemplate prompt) {
        return Prompt.builder(prompt.name())
                .title(prompt.title())
                .description(prompt.description())
                .arguments(prompt.arguments().stream().map(a -> PromptArgument.builder(a.name())
                        .description(a.description())
                        .required(a.required())
                        .build()).toList())
                .build();
    }

    static GetPromptResult get(PromptTemplate prompt, PromptRenderer renderer, Map<String, Object> arguments) {
        String text;
        try {
            text = renderer.render(prompt, strings(arguments));
        } catch (PromptArgumentsException e) {
            throw McpError.builder(ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
        }
        return GetPromptResult.builder(List.of(
                PromptMessage.builder(Role.USER, TextContent.builder(text).build()).build()))
                .description(prompt.description())
                .build();
    }

    /** MCP sends prompt arguments as strings; a client sending a number or boolean gets it as text. */
    private static Map<String, String> strings(Map<String, Object> arguments) {
        Map<String, String> values = new LinkedHashMap<>();
        if (arguments != null) {
            arguments.forEach((k, v) -> values.put(k, v == null ? null : String.valueOf(v)));
        }
        return values;
    }
}
