package io.github.coupamcp.sandbox;

import java.util.List;
import java.util.Map;

/** What the endpoints need from an HTTP request, independent of Jetty; {@code body} is empty when none was sent. */
record ApiRequest(String method, String path, String query, Map<String, List<String>> params, String accept,
        String authorization, String contentType, byte[] body) {

    Format format() {
        return Format.fromAccept(accept);
    }

    /** The last value of a query parameter, or null. */
    String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
