package io.github.coupamcp.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Where a tool call comes from, for the audit trail: the HTTP request id (as in the access log), the MCP session, the
 * tenant and the authenticated principal; each null when the transport has none (stdio has none of them). Put in the
 * logging context of the thread running the call, so that {@link WriteAudit}'s lines name them.
 */
public record CallOrigin(String requestId, String sessionId, String tenant, String principal) {
    public static final CallOrigin NONE = new CallOrigin(null, null, null, null);

    static final String REQUEST_ID = "request_id";
    static final String SESSION_ID = "session_id";
    static final String TENANT = "tenant";
    static final String PRINCIPAL = "principal";

    /** Sets this origin as the current thread's logging context until the returned scope closes. */
    public Scope open() {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        put(REQUEST_ID, requestId);
        put(SESSION_ID, sessionId);
        put(TENANT, tenant);
        put(PRINCIPAL, principal);
        return () -> {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        };
    }

    private static void put(String key, String value) {
        if (value == null || value.isEmpty()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** The origin of the call running on this thread, as fields of a log line; empty outside a call. */
    static Map<String, String> current() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String key : new String[] {REQUEST_ID, SESSION_ID, TENANT, PRINCIPAL}) {
            String value = MDC.get(key);
            if (value != null) {
                fields.put(key, value);
            }
        }
        return fields;
    }

    /** The logging context set by {@link #open()}; closing restores what was there before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
