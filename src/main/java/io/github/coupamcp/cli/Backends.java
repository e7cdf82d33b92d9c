package io.github.coupamcp.cli;

/** The backend factory the jar uses. */
final class Backends {
    private Backends() {}

    static BackendFactory factory() {
        // Replaced by the Coupa client + tool registry + sandbox wiring once those layers are on main.
        return new BackendFactory() {
            @Override
            public Backend open(io.github.coupamcp.config.ServerConfig config, boolean sandbox,
                    java.util.Map<String, String> env) {
                throw new IllegalStateException("the Coupa client and tool registry are not wired in yet");
            }

            @Override
            public java.util.List<io.github.coupamcp.tools.ToolDefinition> definitions(
                    io.github.coupamcp.config.ServerConfig config) {
                throw new IllegalStateException("the tool registry is not wired in yet");
            }
        };
    }
}
