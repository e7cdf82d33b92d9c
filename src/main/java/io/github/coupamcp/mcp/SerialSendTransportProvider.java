package io.github.coupamcp.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Makes the messages of a transport go out one at a time. The SDK's stdio transport puts each outgoing message
 * in a sink that refuses concurrent callers and gives up after 100 ms of spinning ("Failed to enqueue message"):
 * with several tool calls finishing at once on a busy machine, answers were dropped and the session stopped
 * answering. Callers here wait for their turn on a lock instead.
 */
final class SerialSendTransportProvider implements McpServerTransportProvider {
    private final McpServerTransportProvider delegate;

    SerialSendTransportProvider(McpServerTransportProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory factory) {
        delegate.setSessionFactory(transport -> factory.create(new SerialSendTransport(transport)));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    /** One transport whose sends never overlap. */
    static final class SerialSendTransport implements McpServerTransport {
        private final McpServerTransport delegate;
        private final Object lock = new Object();

        SerialSendTransport(McpServerTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            // Subscribing inside the lock runs the delegate's (synchronous) hand-over while holding it.
            return Mono.create(sink -> {
                synchronized (lock) {
                    delegate.sendMessage(message).subscribe(ignored -> { }, sink::error, sink::success);
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
            return delegate.unmarshalFrom(data, type);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public List<String> protocolVersions() {
            return delegate.protocolVersions();
        }
    }
}
