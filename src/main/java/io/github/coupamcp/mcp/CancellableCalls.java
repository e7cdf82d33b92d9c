package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tool calls a client can stop with {@code notifications/cancelled}. The SDK (2.1.0) has no cancellation hook for
 * sync handlers and does not give them the request id, so the transport filters, which see every message with its
 * session, do the matching: each {@code tools/call} is announced under (session, request id) and tagged with that key
 * in its {@code _meta}, where the handler finds it; a cancellation names a request id of its own session only.
 *
 * <p>Cancelling interrupts the thread running the call: a scan stops paging (its workers finish the request in
 * flight and send no more, so the rate limit's share goes to other calls), and a Coupa request waiting for a permit
 * or a retry gives up. The call then answers that it was cancelled. Cancelling an unknown or finished request does
 * nothing; a cancellation that arrives before its call started makes the call end at once.
 */
final class CancellableCalls {
    /** Where a tagged call carries its key; a client's own value there is replaced. */
    static final String META_KEY = "io.github.coupamcp/call";
    static final String CANCELLED = "notifications/cancelled";
    private static final String TOOLS_CALL = "tools/call";
    /** Announced calls the SDK has not started (or never will: it refused the request) that are remembered. */
    static final int MAX_WAITING = 1_024;

    private final Map<String, Call> waiting = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Call> eldest) {
            return size() > MAX_WAITING;
        }
    };
    private final Map<String, Call> running = new ConcurrentHashMap<>();

    /**
     * What to pass on for one accepted message of {@code session}: a {@code tools/call} tagged with its key, a
     * cancellation acted upon and swallowed (null: the SDK has no handler for it and would log a warning), anything
     * else as is.
     */
    String inspect(String session, JsonRpcGuard.Accepted message) {
        if (TOOLS_CALL.equals(message.method()) && message.request()) {
            ObjectNode tagged = (ObjectNode) Json.MAPPER.readTree(message.json());
            String key = key(session, message.id());
            ObjectNode params = tagged.has("params") ? (ObjectNode) tagged.get("params") : tagged.putObject("params");
            JsonNode meta = params.get("_meta");
            (meta instanceof ObjectNode m ? m : params.putObject("_meta")).put(META_KEY, key);
            announce(key);
            return Json.MAPPER.writeValueAsString(tagged);
        }
        if (CANCELLED.equals(message.method()) && !message.request()) {
            JsonNode requestId = Json.MAPPER.readTree(message.json()).path("params").get("requestId");
            if (requestId != null && (requestId.isString() || requestId.isIntegralNumber())) {
                cancel(key(session, requestId));
            }
            return null;
        }
        return message.json();
    }

    /**
     * Runs a call's body under the key its {@code _meta} carries (as is when it has none: a call that did not come
     * through a filter); {@code whenCancelled} is the answer of a cancelled call, whatever the body returned.
     */
    <T> T run(Map<String, Object> meta, Supplier<T> body, Supplier<T> whenCancelled) {
        Object key = meta == null ? null : meta.get(META_KEY);
        Call call = key instanceof String k ? start(k) : null;
        if (call == null) {
            return body.get();
        }
        boolean cancelled;
        T result = null;
        try {
            if (call.begin()) {
                result = body.get();
            }
        } finally {
            cancelled = call.end();
            running.remove((String) key, call);
        }
        return cancelled ? whenCancelled.get() : result;
    }

    /** Calls announced or running, for tests. */
    int tracked() {
        synchronized (waiting) {
            return waiting.size() + running.size();
        }
    }

    private void announce(String key) {
        synchronized (waiting) {
            waiting.put(key, new Call());
        }
    }

    private Call start(String key) {
        Call call;
        synchronized (waiting) {
            call = waiting.remove(key);
        }
        if (call != null) {
            running.put(key, call);
        }
        return call;
    }

    private void cancel(String key) {
        Call call = running.get(key);
        if (call == null) {
            synchronized (waiting) {
                call = waiting.get(key);
            }
        }
        if (call != null) {
            call.cancel();
        }
    }

    /** Sessions are named by their transport ({@code stdio:...}, {@code streamable:...}); ids by their JSON text. */
    private static String key(String session, JsonNode id) {
        return session + '\n' + id.toString();
    }

    /** One call's cancellation: a flag, and the thread to interrupt while the call runs. */
    private static final class Call {
        private boolean cancelled;
        private Thread thread;

        synchronized void cancel() {
            cancelled = true;
            if (thread != null) {
                thread.interrupt();
            }
        }

        /** False when cancelled already: the body is not run. */
        synchronized boolean begin() {
            if (cancelled) {
                return false;
            }
            thread = Thread.currentThread();
            return true;
        }

        /**
         * Whether the call was cancelled. Clears the interrupt this class may have sent, under the lock so that none
         * comes later: the thread goes back to the SDK's pool and must not carry it into another task.
         */
        synchronized boolean end() {
            if (thread != null && cancelled) {
                Thread.interrupted();
            }
            thread = null;
            return cancelled;
        }
    }
}
