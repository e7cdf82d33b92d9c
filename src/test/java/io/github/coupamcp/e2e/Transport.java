package io.github.coupamcp.e2e;

import io.github.coupamcp.mcp.McpServerFactory;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The ways a client reaches the server; the same scenarios run on each. */
public enum Transport {
    STDIO, STREAMABLE, SSE,
    /** Streamable HTTP against a server started with {@code --stateless}. */
    STATELESS;

    /** Tool calls may sit through Coupa retries and backoff. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    /**
     * A connected, initialised client. Stdio spawns its own server process with {@code env}; HTTP transports
     * talk to the already running server at {@code httpBaseUrl}.
     */
    public McpSyncClient connect(Map<String, String> env, String httpBaseUrl) {
        McpClientTransport transport = switch (this) {
            case STDIO -> {
                List<String> command = ServerProcess.command(List.of(), List.of("stdio"));
                ServerParameters params = ServerParameters.builder(command.get(0))
                        .args(command.subList(1, command.size())).env(env).build();
                yield new StdioClientTransport(params, McpServerFactory.jsonMapper());
            }
            case STREAMABLE, STATELESS -> HttpClientStreamableHttpTransport.builder(httpBaseUrl).endpoint("/mcp")
                    .build();
            case SSE -> HttpClientSseClientTransport.builder(httpBaseUrl).sseEndpoint("/sse").build();
        };
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(REQUEST_TIMEOUT)
                .initializationTimeout(Duration.ofSeconds(60))
                // The client then checks every structuredContent against the tool's outputSchema.
                .enableCallToolSchemaCaching(true)
                .build();
        client.initialize();
        return client;
    }
}
