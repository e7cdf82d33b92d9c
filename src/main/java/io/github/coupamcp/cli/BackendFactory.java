package io.github.coupamcp.cli;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.Toolsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/** Opens the backend a command runs on: the embedded sandbox when asked, else the Coupa instance from the env. */
public interface BackendFactory {
    /**
     * @param sandbox start the embedded sandbox and use it, ignoring COUPA_* credentials
     * @throws RuntimeException a configuration error (reported and exit code 2); Coupa is reached afterwards, see
     *     {@link Backend#connection()}
     */
    Backend open(ServerConfig config, boolean sandbox, Map<String, String> env);

    /**
     * As {@link #open(ServerConfig, boolean, Map)}, but Coupa is reached only once {@code connectWhen} completes: a
     * desktop client waits for the server's first answer, and loading the HTTP stack meanwhile takes CPU from it.
     */
    default Backend open(ServerConfig config, boolean sandbox, Map<String, String> env, CompletionStage<?> connectWhen) {
        return open(config, sandbox, env);
    }

    /** The tools the settings enable, without connecting anywhere. */
    List<ToolDefinition> definitions(ServerConfig config);

    /** Every name a toolsets setting may use: each toolset of every tool, and the "core" and "all" selections. */
    default Set<String> toolsets() {
        Set<String> names = new TreeSet<>(List.of(Toolsets.CORE, Toolsets.ALL));
        ServerConfig everything = ServerConfig.builder().toolsets(List.of(Toolsets.ALL)).enableWrites(true).build();
        definitions(everything).forEach(tool -> names.add(tool.toolset()));
        return names;
    }
}
