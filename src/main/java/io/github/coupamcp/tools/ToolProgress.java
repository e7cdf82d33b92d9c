package io.github.coupamcp.tools;

/**
 * The tool call's way back to the client: where a long call reports how far it got (the MCP layer turns it into
 * progress notifications when the client sent a progress token), and how a high-impact write asks the human (MCP
 * elicitation, where the client supports it). Called on the tool call's thread; progress never goes backwards.
 */
@FunctionalInterface
public interface ToolProgress {
    ToolProgress NONE = (progress, total, message) -> { };

    void report(double progress, double total, String message);

    /**
     * Asks the human a yes/no question: true when they accepted, false when they declined or cancelled, empty when
     * the client cannot ask (then the confirmation token alone is the gate).
     */
    default java.util.Optional<Boolean> askHuman(String question) {
        return java.util.Optional.empty();
    }
}
