package io.github.coupamcp.coupa.http;

import io.github.coupamcp.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Coupa's own error messages out of an error body, whatever its format: JSON {@code {"errors":{"user":["..."]}}},
 * {@code {"errors":["..."]}}, OAuth {@code {"error":"...","error_description":"..."}}, or XML
 * {@code <errors><error>...</error></errors>} (possibly CDATA). Anything else (HTML pages) yields no message.
 */
public final class CoupaErrorBody {
    private static final Pattern XML_ERROR = Pattern.compile("<error(?:\\s[^>]*)?>(.*?)</error>", Pattern.DOTALL);
    private static final Pattern CDATA = Pattern.compile("<!\\[CDATA\\[(.*?)]]>", Pattern.DOTALL);
    /** Long messages are cut: they end up in agent contexts. */
    private static final int MAX_MESSAGE = 500;
    private static final int MAX_MESSAGES = 20;

    private CoupaErrorBody() {}

    /**
     * Coupa's messages with every occurrence of {@code neverShown} (the secret or token the request carried) masked:
     * a server that echoes the request back must not make the messages a leak.
     */
    public static List<String> messages(String body, String... neverShown) {
        List<String> messages = messages(body);
        if (messages.isEmpty() || neverShown.length == 0) {
            return messages;
        }
        return messages.stream().map(m -> mask(m, neverShown)).toList();
    }

    private static String mask(String message, String[] neverShown) {
        String out = message;
        for (String secret : neverShown) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, "****");
            }
        }
        return out;
    }

    /** Coupa's messages appended to an error message, or nothing when it gave none. */
    public static String suffix(List<String> messages) {
        return messages.isEmpty() ? "" : " — Coupa said: " + String.join("; ", messages);
    }

    public static List<String> messages(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        String t = body.strip();
        List<String> out = new ArrayList<>();
        if (t.startsWith("{") || t.startsWith("[")) {
            fromJson(t, out);
        } else if (t.startsWith("<") && !looksLikeHtml(t)) {
            fromXml(t, out);
        }
        return List.copyOf(out.subList(0, Math.min(out.size(), MAX_MESSAGES)));
    }

    static boolean looksLikeHtml(String body) {
        String head = body.substring(0, Math.min(body.length(), 200)).toLowerCase();
        return head.contains("<!doctype html") || head.contains("<html");
    }

    private static void fromJson(String body, List<String> out) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return;
        }
        if (root.isArray()) {
            collect(null, root, out);
            return;
        }
        JsonNode errors = root.get("errors");
        if (errors != null && errors.isObject()) {
            for (Map.Entry<String, JsonNode> e : errors.properties()) {
                collect(e.getKey(), e.getValue(), out);
            }
        } else if (errors != null) {
            collect(null, errors, out);
        }
        JsonNode error = root.get("error");
        JsonNode description = root.get("error_description");
        if (description != null && description.isString()) {
            add(out, (error != null && error.isString() ? error.asString() + ": " : "") + description.asString());
        } else if (error != null && error.isString()) {
            add(out, error.asString());
        }
        JsonNode message = root.get("message");
        if (out.isEmpty() && message != null && message.isString()) {
            add(out, message.asString());
        }
    }

    private static void collect(String key, JsonNode node, List<String> out) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                collect(key, item, out);
            }
        } else if (node.isString() || node.isNumber() || node.isBoolean()) {
            add(out, key == null ? node.asString() : key + ": " + node.asString());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                collect(key == null ? e.getKey() : key + "." + e.getKey(), e.getValue(), out);
            }
        }
    }

    private static void fromXml(String body, List<String> out) {
        Matcher m = XML_ERROR.matcher(body);
        while (m.find()) {
            String text = m.group(1);
            Matcher c = CDATA.matcher(text);
            text = c.find() ? c.group(1) : unescape(text.replaceAll("<[^>]+>", " "));
            add(out, text);
        }
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static void add(List<String> out, String message) {
        String m = message.strip().replaceAll("\\s+", " ");
        if (!m.isEmpty()) {
            out.add(m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m);
        }
    }
}
