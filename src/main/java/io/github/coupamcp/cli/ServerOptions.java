package io.github.coupamcp.cli;

import io.github.coupamcp.config.ServerConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every serving command shares; each falls back to its COUPA_MCP_* environment variable. */
final class ServerOptions {
    @Option(names = "--sandbox", description = "Start the embedded Coupa sandbox and use it (no credentials needed).")
    boolean sandbox;

    @Option(names = "--read-only", description = "Publish read-only tools only (env COUPA_MCP_READ_ONLY).")
    boolean readOnly;

    @Option(names = "--enable-writes", description = "Publish the write tools (two-step confirmed creates and actions;"
            + " env COUPA_MCP_ENABLE_WRITES). --read-only wins.")
    boolean enableWrites;

    @Option(names = "--response-budget", paramLabel = "CHARS",
            description = "Maximum characters per tool result (env COUPA_MCP_RESPONSE_BUDGET).")
    Integer responseBudget;

    @Option(names = "--toolsets", split = ",", paramLabel = "NAME",
            description = "Toolsets to enable, comma-separated: names, core, all; default core (env COUPA_MCP_TOOLSETS).")
    List<String> toolsets;

    @Option(names = "--tools", split = ",", paramLabel = "TOOL",
            description = "Tools to publish by name: with --toolsets in addition to theirs, alone only these "
                    + "(env COUPA_MCP_TOOLS).")
    List<String> tools;

    @Option(names = "--exclude-tools", split = ",", paramLabel = "TOOL",
            description = "Tools never to publish (env COUPA_MCP_EXCLUDE_TOOLS).")
    List<String> excludeTools;

    @Option(names = "--dynamic-toolsets",
            description = "Let the agent enable further toolsets itself with list_toolsets and enable_toolset "
                    + "(env COUPA_MCP_DYNAMIC_TOOLSETS).")
    boolean dynamicToolsets;

    /** Environment first, flags on top; validated. */
    ServerConfig.Builder apply(ServerConfig.Builder builder) {
        if (readOnly) {
            builder.readOnly(true);
        }
        if (enableWrites) {
            builder.enableWrites(true);
        }
        if (responseBudget != null) {
            builder.responseBudget(responseBudget);
        }
        if (toolsets != null) {
            builder.toolsets(toolsets);
        }
        if (tools != null) {
            builder.tools(tools);
        }
        if (excludeTools != null) {
            builder.excludedTools(excludeTools);
        }
        if (dynamicToolsets) {
            builder.dynamicToolsets(true);
        }
        return builder;
    }
}
