package io.github.coupamcp.mcp;

import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.prompts.PromptLibrary;
import io.github.coupamcp.prompts.PromptRenderer;
import io.github.coupamcp.tools.ServerInstructions;
import io.github.coupamcp.tools.ToolAccess;
import io.github.coupamcp.tools.UnpublishedTools;
import io.github.coupamcp.tools.ToolCatalog;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one {@link McpSyncServer} per transport provider (the SDK binds a server to exactly one), all publishing
 * the same tool, resource and prompt specifications; or, for stateless HTTP, one {@link McpStatelessSyncServer}
 * publishing them too, with the same handlers.
 */
public final class McpServerFactory {
    public static final String SERVER_NAME = "coupa-mcp";

    /** Tool calls may wait on Coupa's retries and backoff; the SDK default of 10 s is too short for that. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    /** Jackson 3 mapper set explicitly: ServiceLoader order would otherwise decide which JSON module wins. */
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(Json.MAPPER);

    private static final Logger log = LoggerFactory.getLogger(McpServerFactory.class);

    /**
     * Resources and prompts are fixed at start: no subscriptions, no list-changed notifications. The tools a session
     * sees change when it enables a toolset or when Coupa's token lacks scopes.
     */
    static final ServerCapabilities CAPABILITIES =
            ServerCapabilities.builder().tools(true).resources(false, false).prompts(false).build();

    private final InFlightCalls inFlight = new InFlightCalls();
    private final CancellableCalls cancellableCalls = new CancellableCalls();
    private final List<McpSyncServer> servers = new CopyOnWriteArrayList<>();
    private final ToolAccess access;
    private final DeferredSchemaValidator schemaValidator = new DeferredSchemaValidator();
    private final List<McpToolMapper.ToolCall> tools;
    private final List<McpStatelessServerFeatures.SyncResourceTemplateSpecification> resourceTemplates;
    private final List<McpStatelessServerFeatures.SyncResourceSpecification> resources;
    private final List<McpStatelessServerFeatures.SyncPromptSpecification> prompts;
    private final String instructions;
    private final String version;

    public McpServerFactory(ToolCatalog catalog, String version) {
        this(catalog, ToolAccess.everything(catalog.tools()), version);
    }

    /**
     * Publishes the catalogue of {@code access} to every session, each seeing what {@code access} lets it see; a
     * change of that (a toolset enabled, scopes that hide tools) is announced with tools/list_changed.
     */
    public McpServerFactory(ToolCatalog catalog, ToolAccess access, String version) {
        this.access = access;
        this.tools = McpToolMapper.calls(catalog, access, inFlight, cancellableCalls);
        this.resourceTemplates = McpResourceMapper.templates(catalog, access, inFlight);
        this.resources = McpResourceMapper.resources(catalog, inFlight);
        this.prompts = McpPromptMapper.specifications(PromptLibrary.load(), PromptRenderer.forTools(catalog.tools()));
        this.instructions = instructions(catalog, access);
        this.version = version;
        access.onChange(this::notifyToolsListChanged);
    }

    /** With dynamic toolsets only the tools a session starts with are described, plus where the others are. */
    private static String instructions(ToolCatalog catalog, ToolAccess access) {
        if (!access.dynamic()) {
            return ServerInstructions.render(catalog.tools());
        }
        return ServerInstructions.render(access.atStart()) + "\nMore toolsets (" + String.join(", ",
                access.enableableAtStart()) + ") are one " + ToolAccess.ENABLE_TOOLSET + " call away; "
                + ToolAccess.LIST_TOOLSETS + " shows their tools.";
    }

    /**
     * Tells every session of every server that its tool list may have changed. The SDK can only broadcast this: a
     * session whose list did not change re-reads the same list, which costs it one tools/list.
     */
    private void notifyToolsListChanged() {
        for (McpSyncServer server : servers) {
            try {
                server.notifyToolsListChanged();
            } catch (RuntimeException e) {
                log.debug("tools/list_changed not sent: {}", e.toString());
            }
        }
    }

    ToolAccess access() {
        return access;
    }

    /** The published tools' names, in catalogue order. */
    List<String> toolNames() {
        return tools.stream().map(call -> call.tool().name()).toList();
    }

    /** Why a known tool is not published here, for calls naming it. */
    UnpublishedTools unpublished() {
        return access.unpublished();
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

    /** Over stdio: handlers run on the SDK's workers, so that the reading thread goes on reading (cancellations). */
    public McpSyncServer build(McpServerTransportProvider provider) {
        return configure(McpServer.sync(provider).immediateExecution(false));
    }

    /**
     * Over HTTP (the SSE transport's messages, Streamable HTTP, stateless): handlers run on the servlet thread that
     * received the call ({@code immediateExecution}), which waits for the answer anyway. Otherwise the SDK runs them
     * on Reactor's shared bounded-elastic pool, 10 threads per core for the whole process: a few tenants' long scans
     * would hold every worker and queue everyone else's calls. Jetty's pool ({@link HttpServer}) bounds them instead,
     * and graceful stop still waits for the answers in flight ({@link OpenExchangesFilter}).
     */
    public McpSyncServer buildForServlet(McpServerTransportProvider provider) {
        return configure(McpServer.sync(provider).immediateExecution(true));
    }

    /** As {@link #buildForServlet(McpServerTransportProvider)}, for Streamable HTTP. */
    public McpSyncServer build(McpStreamableServerTransportProvider provider) {
        return configure(McpServer.sync(provider).immediateExecution(true));
    }

    private <S extends McpServer.SyncSpecification<S>> McpSyncServer configure(McpServer.SyncSpecification<S> spec) {
        McpSyncServer server = spec.serverInfo(SERVER_NAME, version)
                .instructions(instructions)
                .jsonMapper(JSON)
                .jsonSchemaValidator(schemaValidator)
                .requestTimeout(REQUEST_TIMEOUT)
                .capabilities(CAPABILITIES)
                .addToolFilter((context, tool) -> access.visible(tool.name(), ToolSessions.of(context)))
                // The catalog validates every call itself (the call CLI has no SDK), within the response budget, and
                // reads a single value as a one-element list; the SDK's own check has neither and writes one line per
                // bad item (200 KB for a list of 1,000).
                .validateToolInputs(false)
                .tools(tools.stream().map(McpToolMapper.ToolCall::sync).toList())
                .resourceTemplates(resourceTemplates.stream().map(t -> new McpServerFeatures
                        .SyncResourceTemplateSpecification(t.resourceTemplate(), (exchange, request) -> t.readHandler()
                                .apply(context(exchange), request))).toList())
                .resources(resources.stream().map(r -> new McpServerFeatures.SyncResourceSpecification(r.resource(),
                        (exchange, request) -> r.readHandler().apply(context(exchange), request))).toList())
                .prompts(prompts.stream().map(p -> new McpServerFeatures.SyncPromptSpecification(p.prompt(),
                        (exchange, request) -> p.promptHandler().apply(context(exchange), request))).toList())
                .build();
        servers.add(server);
        return server;
    }

    private static McpTransportContext context(McpSyncServerExchange exchange) {
        return exchange == null ? null : exchange.transportContext();
    }

    /**
     * The same tools, resources, prompts, instructions and checks for stateless HTTP, where every request stands
     * alone: the tool list never changes for a client (no tools/list_changed), and nothing goes back to the client
     * but the answer. Dynamic toolsets keep per-session state, so they are refused here.
     *
     * @throws IllegalStateException with dynamic toolsets
     */
    public McpStatelessSyncServer buildStateless(HttpServletStatelessServerTransport transport) {
        if (access.dynamic()) {
            throw new IllegalStateException(ServerConfig.STATELESS_DYNAMIC_TOOLSETS);
        }
        return McpServer.sync(transport)
                .immediateExecution(true) // as for Streamable HTTP
                .serverInfo(SERVER_NAME, version)
                .instructions(instructions)
                .jsonMapper(JSON)
                .jsonSchemaValidator(schemaValidator)
                .requestTimeout(REQUEST_TIMEOUT)
                .capabilities(ServerCapabilities.builder().tools(false).resources(false, false).prompts(false).build())
                .addToolFilter((context, tool) -> access.visible(tool.name(), ToolSessions.of(context)))
                .validateToolInputs(false) // as above
                .tools(tools.stream().map(McpToolMapper.ToolCall::stateless).toList())
                .resourceTemplates(resourceTemplates)
                .resources(resources)
                .prompts(prompts)
                .build();
    }
}
