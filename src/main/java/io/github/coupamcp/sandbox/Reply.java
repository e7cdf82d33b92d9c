package io.github.coupamcp.sandbox;

import io.github.coupamcp.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A finished HTTP answer, built by the endpoints and written by {@link SandboxHandler}. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final String XML = "application/xml; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, contentType, body, copy);
    }

    static Reply json(int status, JsonNode body) {
        return new Reply(status, JSON, Json.MAPPER.writeValueAsBytes(body), Map.of());
    }

    static Reply empty(int status) {
        return new Reply(status, null, new byte[0], Map.of());
    }

    static Reply html(int status, String html) {
        return new Reply(status, HTML, html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Coupa's error body: {@code {"errors": {key: [messages]}}} in JSON, {@code <errors><error>} in XML. */
    static Reply errors(Format format, int status, Map<String, List<String>> errors) {
        if (format == Format.XML) {
            List<String> messages = errors.values().stream().flatMap(List::stream).toList();
            return new Reply(status, XML, CoupaXmlWriter.errors(messages), Map.of());
        }
        ObjectNode body = Json.object();
        ObjectNode map = body.putObject("errors");
        errors.forEach((key, messages) -> {
            ArrayNode list = map.putArray(key);
            messages.forEach(list::add);
        });
        return json(status, body);
    }

    static Reply error(Format format, int status, String key, String message) {
        return errors(format, status, Map.of(key, List.of(message)));
    }
}
