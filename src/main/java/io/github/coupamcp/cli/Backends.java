package io.github.coupamcp.cli;

/** The backend factory the jar uses. */
final class Backends {
    private Backends() {}

    static BackendFactory factory() {
        // Replaced by the Coupa client + tool registry + sandbox wiring once those layers are on main.
        return (config, sandbox, env) -> {
            throw new IllegalStateException("the Coupa client and tool registry are not wired into this build yet");
        };
    }
}
