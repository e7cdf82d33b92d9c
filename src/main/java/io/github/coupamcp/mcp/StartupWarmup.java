package io.github.coupamcp.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Plays one {@code initialize} on a throwaway server in memory, on a background thread, while the main thread reads
 * the settings and loads the tool catalogue. A desktop client waits for the first answer on every launch, and most
 * of that wait is the JVM loading and running cold code for the first time: Jackson building its (de)serializers of
 * the MCP schema, the SDK's and reactor's classes. Done here on the second core, the real session then finds them
 * ready. Nothing is written anywhere; a failure only costs the head start.
 */
public final class StartupWarmup {
    private static final Logger log = LoggerFactory.getLogger(StartupWarmup.class);
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"warm-up\","
            + "\"version\":\"0\"}}}";
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private StartupWarmup() {}

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void start() {
        Thread thread = new Thread(StartupWarmup::run, "startup-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            primeSigning();
            initializeOnce();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.debug("Start-up warm-up failed (no harm done)", e);
        }
    }

    /**
     * The tool registry, built on the main thread right after the tool files are parsed, draws random keys and ids and
     * derives HMAC keys (see shape.TokenSigner): the JDK loads its security providers on the first such use, a fifth
     * of the registry's time. Done first here, it is over before the registry needs it.
     */
    static void primeSigning() throws GeneralSecurityException {
        new SecureRandom().nextBytes(new byte[1]);
        Mac.getInstance("HmacSHA256");
    }

    /** The throwaway server's answer to one initialize, as it would be written on stdout. */
    static String initializeOnce() throws IOException {
        AtomicReference<McpServerSession.Factory> sessions = new AtomicReference<>();
        AtomicReference<String> answer = new AtomicReference<>();
        McpSyncServer server = McpServer.sync(new Provider(sessions))
                .serverInfo(McpServerFactory.SERVER_NAME, "warm-up")
                .jsonMapper(McpServerFactory.jsonMapper())
                .jsonSchemaValidator(new DeferredSchemaValidator())
                .capabilities(McpServerFactory.CAPABILITIES)
                .build();
        try {
            McpServerSession session = sessions.get().create(new Transport(answer));
            session.handle(McpSchema.deserializeJsonRpcMessage(McpServerFactory.jsonMapper(), INITIALIZE))
                    .block(ANSWER);
            session.close();
        } finally {
            server.close();
        }
        return answer.get();
    }

    /** Hands the server's session factory over instead of reading any stream. */
    private record Provider(AtomicReference<McpServerSession.Factory> sessions) implements McpServerTransportProvider {
        @Override
        public void setSessionFactory(McpServerSession.Factory factory) {
            sessions.set(factory);
        }

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    /** Serialises what the session sends, as the stdio transport does, and keeps it. */
    private record Transport(AtomicReference<String> answer) implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.fromRunnable(() -> {
                try {
                    answer.set(McpServerFactory.jsonMapper().writeValueAsString(message));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return McpServerFactory.jsonMapper().convertValue(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
