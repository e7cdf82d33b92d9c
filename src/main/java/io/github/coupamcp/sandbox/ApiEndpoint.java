package io.github.coupamcp.sandbox;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.sandbox.data.SandboxStore;
import io.github.coupamcp.sandbox.data.WriteResult;
import io.github.coupamcp.sandbox.query.BadQueryException;
import io.github.coupamcp.sandbox.query.FieldNames;
import io.github.coupamcp.sandbox.query.RecordQuery;
import io.github.coupamcp.sandbox.query.RecordSource;
import io.github.coupamcp.sandbox.query.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves {@code /api/<resource>[/<id>[/<action>]]}: bearer-token and scope checks, list and show queries, creates,
 * updates and actions, answered in JSON or Coupa's XML.
 */
final class ApiEndpoint {
    static final String PREFIX = "/api/";
    private static final String NO_RESULTS = "No results match your search criteria.";

    private final SandboxStore store;
    private final TokenService tokens;

    ApiEndpoint(SandboxStore store, TokenService tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    /** An authenticated request: the HTTP request and the scopes its token grants. */
    private record Call(ApiRequest http, Set<String> scopes) {
        String method() {
            return http.method();
        }

        String path() {
            return http.path();
        }

        Map<String, List<String>> params() {
            return http.params();
        }

        String contentType() {
            return http.contentType();
        }

        byte[] body() {
            return http.body();
        }
    }

    /** The resource segment of an API path, for the request log; null when the path is not under /api/. */
    static String resourceOf(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return stripFormat(slash < 0 ? rest : rest.substring(0, slash));
    }

    Reply handle(ApiRequest request) {
        Format format = formatOf(request);
        try {
            return route(request, format);
        } catch (BadQueryException e) {
            return Reply.error(format, 400, e.key(), e.getMessage());
        }
    }

    private Reply route(ApiRequest incoming, Format format) {
        String bearer = bearer(incoming.authorization());
        if (bearer == null) {
            return unauthorized(format, "invalid_request", "Missing bearer access token");
        }
        TokenService.Check check = tokens.check(bearer);
        if (check.rejection() != null) {
            return unauthorized(format, "invalid_token", check.rejection().description);
        }
        Call request = new Call(incoming, check.token().scopes());
        List<String> segments = segments(request.path());
        SandboxCollection collection = segments.isEmpty() ? null : store.collection(segments.get(0));
        if (collection == null || segments.size() > 3) {
            return Reply.error(format, 404, "base", "No route matches " + request.method() + " " + request.path());
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        return switch (segments.size()) {
            case 1 -> onCollection(request, format, method, collection);
            case 2 -> onRecordOrCollectionAction(request, format, method, collection, segments.get(1));
            default -> onAction(request, format, method, collection, segments.get(1), segments.get(2));
        };
    }

    private Reply onCollection(Call request, Format format, String method, SandboxCollection collection) {
        switch (method) {
            case "GET" -> {
                Reply forbidden = requireScope(request, format, collection.readScope());
                return forbidden != null ? forbidden : list(request, format, collection);
            }
            case "POST" -> {
                Set<String> createScopes = collection.createScopes();
                if (createScopes.isEmpty()) {
                    return Reply.error(format, 405, "base", collection.name() + " cannot be created through the API");
                }
                Reply forbidden = requireAnyScope(request, format, createScopes);
                if (forbidden != null) {
                    return forbidden;
                }
                Shape shape = Shape.parse(request.params(), true);
                return written(format, collection, collection.create(body(request)), shape);
            }
            default -> {
                return methodNotAllowed(format, method);
            }
        }
    }

    private Reply onRecordOrCollectionAction(Call request, Format format, String method,
            SandboxCollection collection, String segment) {
        if (method.equals("POST")) {
            String scope = collection.collectionActionScopes().get(segment);
            if (scope == null) {
                return Reply.error(format, 404, "base", "No route matches POST " + request.path());
            }
            Reply forbidden = requireScope(request, format, scope);
            if (forbidden != null) {
                return forbidden;
            }
            Shape shape = Shape.parse(request.params(), true);
            return written(format, collection,
                    collection.collectionAction(segment, body(request), flatParams(request)), shape);
        }
        long id = parseId(segment);
        switch (method) {
            case "GET" -> {
                Reply forbidden = requireScope(request, format, collection.readScope());
                return forbidden != null ? forbidden : show(request, format, collection, id);
            }
            case "PUT", "PATCH" -> {
                if (collection.writeScope() == null) {
                    return Reply.error(format, 405, "base", collection.name() + " cannot be updated through the API");
                }
                Reply forbidden = requireScope(request, format, collection.writeScope());
                if (forbidden != null) {
                    return forbidden;
                }
                Shape shape = Shape.parse(request.params(), true);
                return written(format, collection, collection.update(id, updateBody(request)), shape);
            }
            default -> {
                return methodNotAllowed(format, method);
            }
        }
    }

    private Reply onAction(Call request, Format format, String method, SandboxCollection collection,
            String idSegment, String action) {
        if (!method.equals("PUT") && !method.equals("PATCH")) {
            return methodNotAllowed(format, method);
        }
        long id = parseId(idSegment);
        String scope = collection.actionScopes().get(action);
        if (scope == null) {
            return Reply.error(format, 404, "base", "No route matches " + method + " " + request.path());
        }
        Reply forbidden = requireScope(request, format, scope);
        if (forbidden != null) {
            return forbidden;
        }
        Shape shape = Shape.parse(request.params(), true);
        return written(format, collection, collection.action(id, action, body(request), flatParams(request)), shape);
    }

    private Reply list(Call request, Format format, SandboxCollection collection) {
        RecordQuery query = RecordQuery.parse(request.params(), memoized(() -> sample(collection)),
                dashed(collection.customFieldNames()));
        List<ObjectNode> page = query.run(collection.ids(), source(collection));
        List<ObjectNode> shaped = new ArrayList<>(page.size());
        for (ObjectNode record : page) {
            shaped.add(query.shape().apply(record));
        }
        if (format == Format.JSON) {
            return Reply.json(200, Json.array().addAll(shaped));
        }
        if (shaped.isEmpty()) {
            return new Reply(404, Reply.XML, CoupaXmlWriter.errors(List.of(NO_RESULTS)), Map.of());
        }
        return new Reply(200, Reply.XML, CoupaXmlWriter.list(collection.xmlListRoot(), collection.xmlRoot(), shaped),
                Map.of());
    }

    private Reply show(Call request, Format format, SandboxCollection collection, long id) {
        Shape shape = Shape.parse(request.params(), false);
        ObjectNode record = source(collection).render(id, shape.fieldsNeeded());
        if (record == null) {
            return notFound(format, collection, id);
        }
        return recordReply(format, collection, 200, shape.apply(record));
    }

    private Reply written(Format format, SandboxCollection collection, WriteResult result, Shape shape) {
        if (result instanceof WriteResult.Ok ok) {
            int status = ok.created() ? 201 : 200;
            ObjectNode shaped = shape.apply(ok.record());
            return shaped == null ? Reply.empty(status) : recordReply(format, collection, status, shaped);
        }
        if (result instanceof WriteResult.Invalid invalid) {
            return Reply.errors(format, 400, invalid.errors());
        }
        if (result instanceof WriteResult.Unsupported unsupported) {
            return Reply.error(format, 400, "base", unsupported.message());
        }
        return Reply.error(format, 404, "base", "Record not found in " + collection.name());
    }

    private static Reply recordReply(Format format, SandboxCollection collection, int status, ObjectNode record) {
        if (format == Format.JSON) {
            return Reply.json(status, record);
        }
        return new Reply(status, Reply.XML, CoupaXmlWriter.record(collection.xmlRoot(), record), Map.of());
    }

    private static Reply notFound(Format format, SandboxCollection collection, long id) {
        String what = CoupaXmlWriter.singular(collection.name()).replace('_', ' ');
        return Reply.error(format, 404, "id", "Couldn't find " + what + " with id " + id);
    }

    private static Reply methodNotAllowed(Format format, String method) {
        return Reply.error(format, 405, "base", "Method " + method + " is not allowed here").withHeader("Allow",
                "GET, POST, PUT, PATCH");
    }

    /** 403 naming the scopes when the token has none of them (creates accept several); null when one is granted. */
    private static Reply requireAnyScope(Call request, Format format, Set<String> scopes) {
        for (String scope : scopes) {
            if (request.scopes().contains(scope)) {
                return null;
            }
        }
        String names = String.join(" ", new java.util.TreeSet<>(scopes));
        return Reply.error(format, 403, "scope", "The access token grants none of the required scopes " + names)
                .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + names + "\"");
    }

    /** 403 naming the scope when the token lacks it; null when it is granted. */
    private static Reply requireScope(Call request, Format format, String scope) {
        if (scope == null || request.scopes().contains(scope)) {
            return null;
        }
        return Reply.error(format, 403, "scope", "The access token does not grant the required scope " + scope)
                .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
    }

    private static Reply unauthorized(Format format, String error, String description) {
        return Reply.error(format, 401, "authentication", description)
                .withHeader("WWW-Authenticate", "Bearer error=\"" + error + "\", error_description=\"" + description + "\"");
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** Full renders, or only the top-level fields the query needs (heavy records then skip their nested parts). */
    private static RecordSource source(SandboxCollection collection) {
        return (id, fields) -> fields == null ? collection.render(id) : collection.renderFields(id, fields);
    }

    /** Renders the sample record at most once per request, and only if asked. */
    private static Supplier<JsonNode> memoized(Supplier<JsonNode> supplier) {
        return new Supplier<>() {
            private boolean done;
            private JsonNode value;

            @Override
            public JsonNode get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
    }

    private static Set<String> dashed(Set<String> names) {
        Set<String> out = new java.util.HashSet<>();
        names.forEach(n -> out.add(FieldNames.dashed(n)));
        return out;
    }

    private static JsonNode sample(SandboxCollection collection) {
        Long first = collection.ids().isEmpty() ? null : firstId(collection);
        return first == null ? null : collection.render(first);
    }

    private static Long firstId(SandboxCollection collection) {
        try {
            return collection.ids().first();
        } catch (java.util.NoSuchElementException e) {
            return null;
        }
    }

    private static ObjectNode body(Call request) {
        return RequestBodies.read(request.contentType(), request.body());
    }

    private static ObjectNode updateBody(Call request) {
        return RequestBodies.withQueryFlags(body(request), request.params());
    }

    private static Map<String, String> flatParams(Call request) {
        Map<String, String> out = new LinkedHashMap<>();
        request.params().forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.get(v.size() - 1));
            }
        });
        return out;
    }

    private static long parseId(String segment) {
        try {
            return Long.parseLong(stripFormat(segment));
        } catch (NumberFormatException e) {
            throw new BadQueryException("id", "Invalid id " + segment);
        }
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.substring(PREFIX.length()).split("/")) {
            if (!s.isEmpty()) {
                out.add(out.isEmpty() ? stripFormat(s) : s);
            }
        }
        return out;
    }

    /** {@code /api/invoices.json} is Rails' way of asking for JSON; the suffix is not part of the name. */
    private static Format formatOf(ApiRequest request) {
        String path = request.path();
        if (path.endsWith(".json")) {
            return Format.JSON;
        }
        if (path.endsWith(".xml")) {
            return Format.XML;
        }
        return request.format();
    }

    private static String stripFormat(String segment) {
        if (segment.endsWith(".json")) {
            return segment.substring(0, segment.length() - 5);
        }
        if (segment.endsWith(".xml")) {
            return segment.substring(0, segment.length() - 4);
        }
        return segment;
    }
}
