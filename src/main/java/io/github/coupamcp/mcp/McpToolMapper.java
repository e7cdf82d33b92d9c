package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.CallOrigin;
import io.github.coupamcp.tools.ToolAccess;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolOutcome;
import io.github.coupamcp.tools.ToolProgress;
import io.github.coupamcp.tools.ToolSession;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/** Maps the protocol-free {@link ToolCatalog} onto the SDK's tool specifications and results. */
public final class McpToolMapper {
    private static final Logger log = LoggerFactory.getLogger(McpToolMapper.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** What the agent reads when a handler fails unexpectedly: never the exception itself. */
    static final String INTERNAL_ERROR = "Internal error while running the tool; the server logged the details."
            + " Try again; if it keeps failing, report it to the server's operator.";

    private McpToolMapper() {}

    /** What a cancelled call answers; the client ignores it (it asked for no answer), but the SDK sends one. */
    static final String CANCELLED = "The call was cancelled by the client (notifications/cancelled).";

    static List<SyncToolSpecification> specifications(ToolCatalog catalog, InFlightCalls inFlight) {
        return specifications(catalog, ToolAccess.everything(catalog.tools()), inFlight, new CancellableCalls());
    }

    static List<SyncToolSpecification> specifications(ToolCatalog catalog, ToolAccess access,
            InFlightCalls inFlight, CancellableCalls cancellable) {
        return calls(catalog, access, inFlight, cancellable).stream().map(ToolCall::sync).toList();
    }

    /**
     * Every tool of the server's catalogue. Each call first asks {@code access} whether this session and request may
     * use the tool (the SDK's list filter hides it from tools/list, but does not guard tools/call); a running call
     * stops when its client cancels it ({@code cancellable}).
     */
    static List<ToolCall> calls(ToolCatalog catalog, ToolAccess access, InFlightCalls inFlight,
            CancellableCalls cancellable) {
        return access.catalogue().stream()
                .map(definition -> new ToolCall(tool(definition), call(catalog, access, inFlight, cancellable)))
                .toList();
    }

    /**
     * A tool's call, whatever the transport: who asks comes from the request's transport context, the way back to
     * the client (progress, questions to the human) from the transport.
     */
    @FunctionalInterface
    interface CallHandler {
        CallToolResult call(McpTransportContext context, ToolProgress progress, CallToolRequest request);
    }

    /** One published tool and its call, as the SDK's session-bound or stateless specification. */
    record ToolCall(Tool tool, CallHandler handler) {
        /** With a session: progress notifications and elicitation go through its exchange. */
        SyncToolSpecification sync() {
            return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> handler.call(
                    exchange == null ? null : exchange.transportContext(), progress(exchange, request.progressToken()),
                    request)).build();
        }

        /** Stateless: nothing goes back to the client but the answer (no progress, no question to the human). */
        McpStatelessServerFeatures.SyncToolSpecification stateless() {
            return McpStatelessServerFeatures.SyncToolSpecification.builder().tool(tool)
                    .callHandler((context, request) -> handler.call(context, ToolProgress.NONE, request)).build();
        }
    }

    private static CallHandler call(ToolCatalog catalog, ToolAccess access, InFlightCalls inFlight,
            CancellableCalls cancellable) {
        return (context, progress, request) -> {
            try (CallOrigin.Scope origin = ToolSessions.origin(context).open()) {
                return call(catalog, access, inFlight, cancellable, context, progress, request);
            }
        };
    }

    private static CallToolResult call(ToolCatalog catalog, ToolAccess access, InFlightCalls inFlight,
            CancellableCalls cancellable, McpTransportContext context, ToolProgress progress,
            CallToolRequest request) {
        ToolSession session = ToolSessions.of(context);
        Optional<String> refusal = access.refusal(request.name(), session);
        if (refusal.isPresent()) {
            return result(ToolOutcome.error(refusal.get()));
        }
        if (access.isDiscoveryTool(request.name())) {
            return result(ToolAccess.LIST_TOOLSETS.equals(request.name()) ? access.listToolsets(session)
                    : access.enableToolset(arguments(request), session));
        }
        return inFlight.track(() -> cancellable.run(request.meta(),
                () -> call(catalog, request, progress),
                () -> CallToolResult.builder().addTextContent(CANCELLED).isError(true).build()));
    }

    static Tool tool(ToolDefinition definition) {
        ToolDefinition.Hints hints = definition.hints();
        Map<String, Object> input = definition.inputSchema() == null
                ? Map.of("type", "object")
                : toMap(definition.inputSchema());
        Tool.Builder builder = Tool.builder(definition.name(), input)
                .title(definition.title())
                .description(definition.description())
                .annotations(ToolAnnotations.builder()
                        .title(definition.title())
                        .readOnlyHint(hints.readOnly())
                        .destructiveHint(hints.destructive())
                        .idempotentHint(hints.idempotent())
                        .openWorldHint(hints.openWorld())
                        .build());
        if (definition.outputSchema() != null) {
            builder.outputSchema(toMap(definition.outputSchema()));
        }
        return builder.build();
    }

    /**
     * The call's way back to the client: progress notifications on the call's own stream when the client sent a
     * progress token (none otherwise), and questions to the human by elicitation when the client declared it can
     * ask. A notification that cannot be sent (the client went away) is not the tool's failure: it is dropped.
     */
    static ToolProgress progress(McpSyncServerExchange exchange, Object token) {
        boolean canAsk = exchange != null && exchange.getClientCapabilities() != null
                && exchange.getClientCapabilities().elicitation() != null;
        if (exchange == null || token == null && !canAsk) {
            return ToolProgress.NONE;
        }
        return new ToolProgress() {
            @Override
            public void report(double progress, double total, String message) {
                if (token == null) {
                    return;
                }
                try {
                    exchange.progressNotification(ProgressNotification.builder(token, progress).total(total)
                            .message(message).build());
                } catch (RuntimeException e) {
                    log.debug("progress notification not sent: {}", e.toString());
                }
            }

            @Override
            public Optional<Boolean> askHuman(String question) {
                return canAsk ? Optional.of(HumanQuestion.ask(exchange, question)) : Optional.empty();
            }
        };
    }

    static CallToolResult call(ToolCatalog catalog, CallToolRequest request) {
        return call(catalog, request, ToolProgress.NONE);
    }

    static CallToolResult call(ToolCatalog catalog, CallToolRequest request, ToolProgress progress) {
        try {
            return result(catalog.call(request.name(), arguments(request), progress));
        } catch (RuntimeException e) {
            // A bug below this layer: log it with its stack on stderr, tell the agent only what it can act on.
            log.error("Tool {} failed unexpectedly", request.name(), e);
            return CallToolResult.builder().addTextContent(INTERNAL_ERROR).isError(true).build();
        }
    }

    private static ObjectNode arguments(CallToolRequest request) {
        return request.arguments() == null ? Json.object() : Json.MAPPER.valueToTree(request.arguments());
    }

    static CallToolResult result(ToolOutcome outcome) {
        CallToolResult.Builder builder = CallToolResult.builder()
                .addTextContent(outcome.text() == null ? "" : outcome.text())
                .isError(outcome.isError());
        if (outcome.structured() != null) {
            builder.structuredContent(toMap(outcome.structured()));
        }
        return builder.build();
    }

    private static Map<String, Object> toMap(ObjectNode node) {
        return Json.MAPPER.convertValue(node, MAP);
    }
}
