package io.github.coupamcp.cli;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.mcp.RenderedAnswers;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a plain stdio start may give the answers rendered at build time (see mcp.EarlyAnswers). Asked on the stdin
 * reader's thread while the main one starts: it loads nothing but the settings (no logging, no command classes).
 */
final class StdioStart {
    private StdioStart() {}

    /**
     * The answers rendered at build time, when this start would give the same ones: the same tool selection, and
     * settings this start accepts (else it reports them before any answer, as it always did).
     */
    static Optional<RenderedAnswers> renderedAnswers(Map<String, String> env, boolean sandbox) {
        Optional<RenderedAnswers> shipped = RenderedAnswers.shipped();
        if (shipped.isEmpty()) {
            return shipped;
        }
        try {
            ServerOptions options = new ServerOptions();
            options.sandbox = sandbox;
            ServerConfig config = options.apply(ServerConfig.fromEnv(env)).build();
            if (!config.toolSelection().equals(shipped.get().selection())) {
                return Optional.empty();
            }
            if (!sandbox) {
                CoupaConfig.builderFromEnv(env).defaultScopes(shipped.get().scopes()).build();
            }
            return shipped;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
