package io.github.coupamcp.mcp;

import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.ElicitRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A yes/no question to the person at the client (MCP elicitation, form mode): one boolean the person must tick. Only
 * an accepted form with the box ticked is a yes; declining, cancelling, an unticked box, or no answer at all (the
 * client failed or timed out) are a no, so a high-impact write never goes ahead on a missing answer.
 */
final class HumanQuestion {
    private static final Logger LOG = LoggerFactory.getLogger(HumanQuestion.class);
    static final String FIELD = "allow";

    private HumanQuestion() {}

    static boolean ask(McpSyncServerExchange exchange, String question) {
        Map<String, Object> schema = Map.of("type", "object",
                "properties", Map.of(FIELD, Map.of("type", "boolean", "title", "Allow this change",
                        "description", "Tick to let the agent make this change in Coupa.")),
                "required", List.of(FIELD));
        try {
            ElicitResult answer = exchange.createElicitation(ElicitRequest.builder(question, schema).build());
            return answer.action() == ElicitResult.Action.ACCEPT && answer.content() != null
                    && Boolean.TRUE.equals(answer.content().get(FIELD));
        } catch (RuntimeException e) {
            // the SDK wraps a timeout in reactor exceptions: say what happened, the stack only at DEBUG
            LOG.warn("asking the person at the client got no answer ({}); treating it as a no", reason(e));
            LOG.debug("elicitation failed", e);
            return false;
        }
    }

    /** Why asking failed, in words: no class names (they mean nothing to an operator reading the log). */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return "no answer in time";
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? "the client refused the request" : message.lines().findFirst()
                .orElse("").replaceAll("\\b[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*(\\$\\w+)?:?\\s*", "");
    }
}
