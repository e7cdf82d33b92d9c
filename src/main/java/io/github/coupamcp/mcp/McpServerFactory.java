package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.prompts.PromptLibrary;
import io.github.coupamcp.prompts.PromptRenderer;
import io.github.coupamcp.tools.ServerInstructions;
import io.github.coupamcp.tools.ToolCatalog;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.List;

/**
 * Builds one {@link McpSyncServer} per transport provider (the SDK binds a server to exactly one), all publishing
 * the same tool, resource and prompt specifications.
 */
public final class McpServerFactory {
    public static final String SERVER_NAME = "coupa-mcp";

    /** Tool calls may wait on Coupa's retries and backoff; the SDK default of 10 s is too short for that. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    /** Jackson 3 mapper set explicitly: ServiceLoader order would otherwise decide which JSON module wins. */
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(Json.MAPPER);

    private final InFlightCalls inFlight = new InFlightCalls();
    private final CancellableCalls cancellableCalls = new CancellableCalls();
    private final DeferredSchemaValidator schemaValidator = new DeferredSchemaValidator();
    private final List<SyncToolSpecification> tools;
    private final List<SyncResourceTemplateSpecification> resourceTemplates;
    private final List<SyncResourceSpecification> resources;
    private final List<SyncPromptSpecification> prompts;
    private final String instructions;
    private final String version;

    public McpServerFactory(ToolCatalog catalog, String version) {
        this.tools = McpToolMapper.specifications(catalog, inFlight, cancellableCalls);
        this.resourceTemplates = McpResourceMapper.templates(catalog, inFlight);
        this.resources = McpResourceMapper.resources(catalog, inFlight);
        this.prompts = McpPromptMapper.specifications(PromptLibrary.load(), PromptRenderer.forTools(catalog.tools()));
        this.instructions = ServerInstructions.render(catalog.tools());
        this.version = version;
    }

    /** The published tools' names, in catalogue order. */
    List<String> toolNames() {
        return tools.stream().map(spec -> spec.tool().name()).toList();
    }

    InFlightCalls inFlight() {
        return inFlight;
    }

    /** Shared by every transport's filter and the tool handlers: a cancellation meets its call here. */
    CancellableCalls cancellableCalls() {
        return cancellableCalls;
    }

    public static McpJsonMapper jsonMapper() {
        return JSON;
    }

    public McpSyncServer build(McpServerTransportProvider provider) {
        return configure(McpServer.sync(provider));
    }

    /**
     * Not {@code immediateExecution}: running the handler on the servlet thread saves little (about 0.5 ms) but
     * leaves the response uncommitted during the call, and a graceful shutdown then drops such connections.
     */
    public McpSyncServer build(McpStreamableServerTransportProvider provider) {
        return configure(McpServer.sync(provider));
    }

    private <S extends McpServer.SyncSpecification<S>> McpSyncServer configure(McpServer.SyncSpecification<S> spec) {
        return spec.serverInfo(SERVER_NAME, version)
                .instructions(instructions)
                .jsonMapper(JSON)
                .jsonSchemaValidator(schemaValidator)
                .requestTimeout(REQUEST_TIMEOUT)
                // Resources and prompts are fixed at start: no subscriptions, no list-changed notifications.
                .capabilities(ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).build())
                // The catalog validates every call itself (the call CLI has no SDK), within the response budget, and
                // reads a single value as a one-element list; the SDK's own check has neither and writes one line per
                // bad item (200 KB for a list of 1,000).
                .validateToolInputs(false)
                .tools(tools)
                .resourceTemplates(resourceTemplates)
                .resources(resources)
                .prompts(prompts)
                .build();
    }
}
