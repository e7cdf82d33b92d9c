package io.github.coupamcp.tools;

/**
 * Where a long tool call reports how far it got (the MCP layer turns it into progress notifications when the client
 * sent a progress token). Called on the tool call's thread; progress never goes backwards.
 */
@FunctionalInterface
public interface ToolProgress {
    ToolProgress NONE = (progress, total, message) -> { };

    void report(double progress, double total, String message);
}
