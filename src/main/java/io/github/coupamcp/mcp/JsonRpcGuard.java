package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.UnpublishedTools;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Checks every incoming JSON-RPC message before the SDK sees it, on every transport. The SDK answers a request
 * whose params do not bind to its records with an exception message naming Java classes (stdio, SSE) or not at all
 * (Streamable HTTP), so the envelope and the params of the methods this server serves are checked here and refused
 * with the standard JSON-RPC code. What passes is normalised: null params/arguments dropped and the client's
 * self-description capped, since sessions keep it for their whole life.
 */
final class JsonRpcGuard {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;

    /** Largest message accepted: an HTTP body (413 beyond) or a stdio line (-32600 beyond). */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    /** Deepest JSON nesting accepted; real MCP messages stay under 10. */
    static final int MAX_DEPTH = 64;
    /** An initialize message is a few hundred bytes; its session keeps it, so a big one is refused. */
    static final int MAX_INITIALIZE_BYTES = 64 * 1024;
    /** Each string the client describes itself with (clientInfo name, version, title) is cut to this. */
    static final int MAX_CLIENT_INFO_CHARS = 256;
    /** Client input echoed in an error message is cut to this, so that answers stay small. */
    static final int MAX_ECHO_CHARS = 64;
    private static final int MAX_METHOD_CHARS = 128;

    private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build()).build();

    private final Set<String> toolNames;
    private final String toolList;
    private final UnpublishedTools unpublished;

    JsonRpcGuard(List<String> toolNames) {
        this(toolNames, UnpublishedTools.NONE);
    }

    /** {@code unpublished} says why a known tool outside {@code toolNames} is not there. */
    JsonRpcGuard(List<String> toolNames, UnpublishedTools unpublished) {
        this.toolNames = Set.copyOf(toolNames);
        this.toolList = String.join(", ", toolNames);
        this.unpublished = unpublished;
    }

    /** What to do with one message: pass it on (normalised) or answer it with an error. */
    sealed interface Verdict permits Accepted, Rejected {}

    /** {@code request}: it has an id, so the SDK will answer it; {@code method} is null for a response. */
    /** {@code id}: the request's id (NullNode for a notification), for answers given outside the SDK. */
    record Accepted(String json, boolean request, String method, JsonNode id) implements Verdict {}

    /**
     * A refused message. {@code id} is the request's id, or JSON null when none could be read; {@code answerable}
     * is false for a well-formed notification, which JSON-RPC never answers.
     */
    record Rejected(int code, String message, JsonNode id, boolean answerable) implements Verdict {
        /** The JSON-RPC error response for this message. */
        String answer() {
            ObjectNode answer = Json.object();
            answer.put("jsonrpc", "2.0");
            answer.set("id", id);
            ObjectNode error = answer.putObject("error");
            error.put("code", code);
            error.put("message", message);
            return Json.MAPPER.writeValueAsString(answer);
        }

        boolean hasId() {
            return !id.isNull();
        }
    }

    /** The refusal of a message over {@code limit} bytes, of which {@code start} is the beginning. */
    static Rejected tooLarge(byte[] start, int limit) {
        return new Rejected(INVALID_REQUEST, "Invalid request: a message may be at most " + limit + " bytes",
                idBeforeTheFailure(start), true);
    }

    static final String INITIALIZE = "initialize";
    static final String INITIALIZED = "notifications/initialized";

    /**
     * Whether a message ends the session handshake: the notification only; the SDK answers a request of that name
     * -32601 and its session stays uninitialized.
     */
    static boolean endsHandshake(String method, boolean request) {
        return INITIALIZED.equals(method) && !request;
    }

    /**
     * The refusal of a request sent before {@code notifications/initialized}: the SDK holds such a request until that
     * notification, without a time limit, so a client that never sends it would wait forever.
     */
    static Rejected notInitialized(String method, JsonNode id) {
        return new Rejected(INVALID_REQUEST, "Invalid request: this session is not initialized yet; send the "
                + "notifications/initialized notification after the initialize answer, then " + method, id, true);
    }

    Verdict check(byte[] message) {
        if (message.length > MAX_MESSAGE_BYTES) {
            return tooLarge(message, MAX_MESSAGE_BYTES);
        }
        JsonNode node;
        try {
            node = STRICT.readTree(message);
        } catch (StreamConstraintsException tooDeep) {
            return new Rejected(INVALID_REQUEST, "Invalid request: JSON nested deeper than " + MAX_DEPTH
                    + " levels or over another size limit", idBeforeTheFailure(message), true);
        } catch (RuntimeException notJson) {
            return new Rejected(PARSE_ERROR, "Parse error: the message is not valid JSON", NullNode.getInstance(),
                    true);
        }
        if (node == null || node.isMissingNode()) {
            return new Rejected(PARSE_ERROR, "Parse error: the message is empty", NullNode.getInstance(), true);
        }
        if (node.isArray()) {
            return invalid("batches are not supported; send one JSON-RPC object per message");
        }
        if (!(node instanceof ObjectNode object)) {
            return invalid("expected a JSON-RPC 2.0 object");
        }
        JsonNode id = object.get("id");
        if (id != null && !id.isString() && !id.isIntegralNumber()) {
            return invalid("\"id\" must be a string or an integer");
        }
        JsonNode answerTo = id == null ? NullNode.getInstance() : id;
        if (!"2.0".equals(object.path("jsonrpc").stringValue(null))) {
            return new Rejected(INVALID_REQUEST, "Invalid request: \"jsonrpc\" must be \"2.0\"", answerTo, true);
        }
        JsonNode method = object.get("method");
        if (method == null) {
            if (id != null && (object.has("result") || object.has("error"))) {
                return new Accepted(Json.MAPPER.writeValueAsString(object), false, null, id); // answers our request
            }
            return new Rejected(INVALID_REQUEST, "Invalid request: a request needs a \"method\"", answerTo, true);
        }
        if (!method.isString() || method.asString().isEmpty()) {
            return new Rejected(INVALID_REQUEST, "Invalid request: \"method\" must be a non-empty string", answerTo,
                    true);
        }
        boolean answerable = id != null;
        String name = method.asString();
        if (name.length() > MAX_METHOD_CHARS) {
            return new Rejected(METHOD_NOT_FOUND, "Method not found: " + echo(name), answerTo, answerable);
        }
        if (name.equals("initialize") && message.length > MAX_INITIALIZE_BYTES) {
            return new Rejected(INVALID_REQUEST, "Invalid request: an initialize message is limited to "
                    + MAX_INITIALIZE_BYTES + " bytes", answerTo, answerable);
        }
        String problem = checkParams(name, object);
        if (problem != null) {
            return new Rejected(INVALID_PARAMS, problem, answerTo, answerable);
        }
        return new Accepted(Json.MAPPER.writeValueAsString(object), answerable, name, answerTo);
    }

    /** Null when the params are fine (normalised in place), else what is wrong with them (-32602). */
    private String checkParams(String method, ObjectNode message) {
        JsonNode params = message.get("params");
        if (params != null && params.isNull()) {
            message.remove("params");
            params = null;
        }
        if (params != null && !params.isObject()) {
            return "Invalid params: \"params\" must be an object, not " + kind(params);
        }
        ObjectNode p = (ObjectNode) params;
        if (p != null) {
            String meta = checkMeta(p);
            if (meta != null) {
                return meta;
            }
        }
        return switch (method) {
            case "tools/call" -> checkToolCall(p);
            case "tools/list", "prompts/list", "resources/list", "resources/templates/list" -> checkCursor(p);
            case "initialize" -> checkInitialize(p);
            case "logging/setLevel" -> p == null || !p.path("level").isString()
                    ? "Invalid params: logging/setLevel needs params {\"level\": \"info\"} (a string)" : null;
            default -> null;
        };
    }

    private static String checkMeta(ObjectNode params) {
        JsonNode meta = params.get("_meta");
        if (meta == null) {
            return null;
        }
        if (meta.isNull()) {
            params.remove("_meta");
            return null;
        }
        if (!meta.isObject()) {
            return "Invalid params: \"_meta\" must be an object, not " + kind(meta);
        }
        JsonNode token = meta.get("progressToken");
        if (token != null && !token.isString() && !token.isIntegralNumber()) {
            return "Invalid params: \"_meta.progressToken\" must be a string or an integer, not " + kind(token);
        }
        return null;
    }

    private String checkToolCall(ObjectNode params) {
        String usage = "tools/call needs params {\"name\": \"<tool>\", \"arguments\": {...}}";
        if (params == null) {
            return "Invalid params: " + usage;
        }
        JsonNode name = params.get("name");
        if (name == null || !name.isString()) {
            String got = name == null ? "it is missing" : "not " + kind(name);
            return "Invalid params: \"name\" must be a string (" + got + "); " + usage;
        }
        if (!toolNames.contains(name.asString())) {
            return unpublished.explain(name.asString()).orElse("Unknown tool '" + echo(name.asString()) + "'.")
                    + " Call tools/list to see the available tools (" + toolList + ").";
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && arguments.isNull()) {
            params.remove("arguments");
        } else if (arguments != null && !arguments.isObject()) {
            return "Invalid params: \"arguments\" must be an object of named arguments, not " + kind(arguments)
                    + "; call tools/list to see the tool's input schema";
        }
        return null;
    }

    private static String checkCursor(ObjectNode params) {
        JsonNode cursor = params == null ? null : params.get("cursor");
        if (cursor != null && cursor.isNull()) {
            params.remove("cursor");
        } else if (cursor != null && !cursor.isString()) {
            return "Invalid params: \"cursor\" must be a string, not " + kind(cursor);
        }
        return null;
    }

    /**
     * What is wrong with the client capabilities the SDK reads into its records (roots, sampling, elicitation with
     * form and url, experimental), or null: the SDK's own refusal names Java classes.
     */
    private static String capabilityShape(JsonNode capabilities) {
        if (capabilities == null) {
            return null;
        }
        for (String path : List.of("roots", "sampling", "elicitation", "experimental", "elicitation.form",
                "elicitation.url")) {
            JsonNode value = capabilities;
            for (String name : path.split("\\.")) {
                value = value.path(name);
            }
            if (!value.isMissingNode() && !value.isNull() && !value.isObject()) {
                return path + "\" must be an object";
            }
        }
        JsonNode listChanged = capabilities.path("roots").path("listChanged");
        if (!listChanged.isMissingNode() && !listChanged.isNull() && !listChanged.isBoolean()) {
            return "roots.listChanged\" must be true or false";
        }
        return null;
    }

    private static String checkInitialize(ObjectNode params) {
        String usage = "initialize needs params {\"protocolVersion\": \"...\", \"capabilities\": {...}, "
                + "\"clientInfo\": {\"name\": \"...\", \"version\": \"...\"}}";
        if (params == null || !params.path("protocolVersion").isString()) {
            return "Invalid params: " + usage;
        }
        JsonNode capabilities = params.get("capabilities");
        if (capabilities != null && !capabilities.isObject()) {
            return "Invalid params: \"capabilities\" must be an object; " + usage;
        }
        String shape = capabilityShape(capabilities);
        if (shape != null) {
            return "Invalid params: \"capabilities." + shape + "; " + usage;
        }
        JsonNode info = params.get("clientInfo");
        if (info == null) {
            return null;
        }
        if (!(info instanceof ObjectNode clientInfo)) {
            return "Invalid params: \"clientInfo\" must be an object; " + usage;
        }
        for (String field : List.of("name", "version", "title")) {
            JsonNode value = clientInfo.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isString()) {
                return "Invalid params: \"clientInfo." + field + "\" must be a string; " + usage;
            }
            if (value.asString().length() > MAX_CLIENT_INFO_CHARS) {
                clientInfo.put(field, value.asString().substring(0, MAX_CLIENT_INFO_CHARS));
            }
        }
        return null;
    }

    /**
     * The request's id when it comes before the part that broke a limit (clients write it first), so that the
     * answer can still be matched to its request; else JSON null.
     */
    private static JsonNode idBeforeTheFailure(byte[] message) {
        try (JsonParser parser = STRICT.createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NullNode.getInstance();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                boolean isId = "id".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isId && value == JsonToken.VALUE_STRING) {
                    return StringNode.valueOf(parser.getString());
                }
                if (isId && value == JsonToken.VALUE_NUMBER_INT) {
                    return STRICT.getNodeFactory().numberNode(parser.getBigIntegerValue());
                }
                parser.skipChildren();
            }
        } catch (RuntimeException limitReached) {
            // the id, if any, comes after what broke the limit
        }
        return NullNode.getInstance();
    }

    private static Rejected invalid(String why) {
        return new Rejected(INVALID_REQUEST, "Invalid request: " + why, NullNode.getInstance(), true);
    }

    /** Client input as it may appear in a message: cut, and without control characters. */
    static String echo(String value) {
        String cut = value.length() <= MAX_ECHO_CHARS ? value : value.substring(0, MAX_ECHO_CHARS) + "...";
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "something else";
        };
    }
}
