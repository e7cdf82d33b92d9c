package io.github.coupamcp.cli;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.config.ServerConfigException;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import io.github.coupamcp.tools.ToolDefinition;
import io.github.coupamcp.tools.ToolRegistry;
import io.github.coupamcp.tools.ToolSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The real backend: the tool registry from tools-schema/, a Coupa client, and (with --sandbox) an embedded sandbox.
 * Everything that can be checked without the network is checked before anything starts; Coupa is reached in the
 * background.
 */
final class CoupaBackends implements BackendFactory {
    /**
     * Short, so that a demo starts at once; still non-zero so the client's 401 handling is exercised. Sandbox and
     * client use the same value, as Coupa and the client do by default.
     */
    static final Duration SANDBOX_TOKEN_DELAY = Duration.ofMillis(200);

    @Override
    public Backend open(ServerConfig server, boolean sandbox, Map<String, String> env) {
        return open(server, sandbox, env, CompletableFuture.completedFuture(null));
    }

    @Override
    public Backend open(ServerConfig server, boolean sandbox, Map<String, String> env, CompletionStage<?> connectWhen) {
        ToolRegistry registry = registry(server);
        if (!sandbox) {
            CoupaConfig config = CoupaConfig.builderFromEnv(env).defaultScopes(registry.requiredScopes()).build();
            return backend(registry, config, null, config.instanceUrl(), connectWhen);
        }
        Sandbox embedded = Sandbox.start(SandboxOptions.builder()
                .port(0)
                .scale(Scale.SMALL)
                .tokenPropagationDelay(SANDBOX_TOKEN_DELAY)
                .build());
        try {
            CoupaConfig config = CoupaConfig.builder()
                    .instanceUrl(embedded.baseUrl())
                    .clientId(embedded.clientId())
                    .clientSecret(embedded.clientSecret())
                    .defaultScopes(registry.requiredScopes())
                    .tokenPropagationDelay(SANDBOX_TOKEN_DELAY)
                    .build();
            return backend(registry, config, embedded, "embedded sandbox " + embedded.baseUrl(), connectWhen);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    @Override
    public List<ToolDefinition> definitions(ServerConfig server) {
        return registry(server).definitions();
    }

    /** The tool layer validates its own settings; its complaints are configuration errors like any other. */
    static ToolRegistry registry(ServerConfig server) {
        try {
            ToolSettings.Builder settings = ToolSettings.builder().readOnly(server.readOnly())
                    .writesEnabled(server.enableWrites());
            if (server.writeAskAbove() != null) {
                settings.askHumanAbove(server.writeAskAbove());
            }
            if (server.responseBudget() != null) {
                settings.responseBudgetChars(server.responseBudget());
            }
            if (server.cursorKey() != null) {
                settings.cursorKey(server.cursorKey());
            }
            if (!server.toolsets().isEmpty()) {
                settings.enabledToolsets(new TreeSet<>(server.toolsets()));
            }
            settings.tools(new TreeSet<>(server.tools())).excludedTools(new TreeSet<>(server.excludedTools()))
                    .dynamicToolsets(server.dynamicToolsets());
            if (server.scanMaxRequests() != null) {
                settings.scanMaxRequests(server.scanMaxRequests());
            }
            if (server.scanDeadline() != null) {
                settings.scanDeadline(server.scanDeadline());
            }
            if (server.answerCacheTtl() != null) {
                settings.answerCacheTtl(server.answerCacheTtl());
            }
            return ToolRegistry.load(settings.build());
        } catch (IllegalArgumentException e) {
            throw new ServerConfigException(e.getMessage() + " (check " + ServerConfig.ENV_RESPONSE_BUDGET + ", "
                    + ServerConfig.ENV_CURSOR_KEY + ", " + ServerConfig.ENV_TOOLSETS + ", " + ServerConfig.ENV_TOOLS
                    + " and " + ServerConfig.ENV_EXCLUDE_TOOLS + " or their flags)");
        }
    }

    /**
     * Connects in the background (see {@link ConnectingCoupaClient}); a failed first token request closes the tools
     * only when retrying cannot help (see {@link ConnectionGate}).
     */
    private static Backend backend(ToolRegistry registry, CoupaConfig config, Sandbox sandbox, String description,
            CompletionStage<?> connectWhen) {
        ConnectingCoupaClient client = ConnectingCoupaClient.start(() -> HttpCoupaClient.create(config),
                sandbox == null ? () -> { } : sandbox::close, connectWhen);
        // Served before the token arrives: tools whose scope Coupa then turns out not to grant are hidden afterwards
        // (the MCP layer sends tools/list_changed), rather than holding every client's tools/list until Coupa answers.
        client.firstToken().thenRun(() -> client.grantedScopes().ifPresent(registry.access()::grant));
        return Backend.of(new ConnectionGate(registry.catalog(client), client.firstToken()), registry.access(),
                description, client.firstToken(), client, client::close);
    }
}
