package io.github.coupamcp.sandbox;

import io.github.coupamcp.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sandbox's admin API, on {@code /__sandbox/...} (a path Coupa does not use). JSON in and out, no auth
 * (the sandbox listens on loopback), never rate-limited, faulted or counted in the request log.
 *
 * <pre>
 * GET    /__sandbox                     current settings: rate_limit, faults, tokens
 * GET    /__sandbox/stats               request log: total, by_status, by_resource, rate_limited,
 *                                       token_requests, faults_injected, recent[{at,method,path,query,status,fault,micros}]
 * DELETE /__sandbox/stats               reset the request log
 * GET    /__sandbox/rate-limit          {"enabled":true,"per_second":25.0,"burst":20,"retry_after":true}
 * PUT    /__sandbox/rate-limit          same shape; fields left out keep their value
 * GET    /__sandbox/faults              {"rules":[...]}
 * PUT    /__sandbox/faults              {"seed":42,"rules":[{"kind":"status","status":503,"rate":0.2},
 *                                       {"kind":"html","status":502,"nth":3,"times":2,"path_prefix":"/api/invoices"},
 *                                       {"kind":"latency","latency_ms":200}, {"kind":"drop"}, {"kind":"truncate"},
 *                                       {"kind":"malformed"}]}  replaces every rule (a bare array works too)
 * POST   /__sandbox/faults              one rule object: adds it to the current rules
 * DELETE /__sandbox/faults              removes every rule
 * GET    /__sandbox/tokens              {"propagation_delay_ms":5000,"lifetime_seconds":86399}
 * PUT    /__sandbox/tokens              same shape; fields left out keep their value
 * POST   /__sandbox/tokens/revoke-all   every token issued so far answers 401 (revoked)
 * POST   /__sandbox/tokens/expire-now   every token issued so far answers 401 (expired)
 * POST   /__sandbox/reset               start-up settings back, faults cleared, request log emptied
 * </pre>
 *
 * A rule fires on the {@code nth} matching request (and the {@code times - 1} after it) when nth is set,
 * otherwise with probability {@code rate} (default 1). Bad input answers 400 {@code {"error": "..."}}.
 */
final class AdminEndpoint {
    static final String PREFIX = "/__sandbox";

    private final SandboxControl control;

    AdminEndpoint(SandboxControl control) {
        this.control = control;
    }

    Reply handle(ApiRequest request) {
        String path = request.path().length() > PREFIX.length() ? request.path().substring(PREFIX.length()) : "/";
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        try {
            return route(method, path, request);
        } catch (IllegalArgumentException | JacksonException e) {
            return error(400, e.getMessage());
        }
    }

    private Reply route(String method, String path, ApiRequest request) {
        return switch (method + " " + path) {
            case "GET /" -> Reply.json(200, settings());
            case "GET /stats" -> Reply.json(200, control.stats().toJson());
            case "DELETE /stats" -> {
                control.resetStats();
                yield Reply.json(200, control.stats().toJson());
            }
            case "GET /rate-limit" -> Reply.json(200, rateLimit());
            case "PUT /rate-limit" -> {
                control.rateLimit(rateLimitFrom(body(request), control.rateLimit()));
                yield Reply.json(200, rateLimit());
            }
            case "GET /faults" -> Reply.json(200, faults());
            case "PUT /faults" -> {
                putFaults(body(request));
                yield Reply.json(200, faults());
            }
            case "POST /faults" -> {
                control.addFault(ruleFrom(body(request)));
                yield Reply.json(200, faults());
            }
            case "DELETE /faults" -> {
                control.clearFaults();
                yield Reply.json(200, faults());
            }
            case "GET /tokens" -> Reply.json(200, tokens());
            case "PUT /tokens" -> {
                putTokens(body(request));
                yield Reply.json(200, tokens());
            }
            case "POST /tokens/revoke-all" -> {
                control.revokeAllTokens();
                yield Reply.json(200, tokens());
            }
            case "POST /tokens/expire-now" -> {
                control.expireAllTokens();
                yield Reply.json(200, tokens());
            }
            case "POST /reset" -> {
                control.reset();
                yield Reply.json(200, settings());
            }
            default -> error(404, "No admin route " + method + " " + PREFIX + path);
        };
    }

    private ObjectNode settings() {
        ObjectNode out = Json.object();
        out.set("rate_limit", rateLimit());
        out.set("faults", faults().get("rules"));
        out.set("tokens", tokens());
        return out;
    }

    private ObjectNode rateLimit() {
        RateLimitSettings s = control.rateLimit();
        ObjectNode out = Json.object();
        out.put("enabled", s.enabled());
        out.put("per_second", s.perSecond());
        out.put("burst", s.burst());
        out.put("retry_after", s.retryAfter());
        return out;
    }

    private static RateLimitSettings rateLimitFrom(JsonNode body, RateLimitSettings current) {
        requireObject(body);
        return new RateLimitSettings(
                body.has("enabled") ? bool(body, "enabled") : current.enabled(),
                body.has("per_second") ? number(body, "per_second") : current.perSecond(),
                body.has("burst") ? (int) number(body, "burst") : current.burst(),
                body.has("retry_after") ? bool(body, "retry_after") : current.retryAfter());
    }

    private ObjectNode faults() {
        ObjectNode out = Json.object();
        ArrayNode rules = out.putArray("rules");
        control.faults().forEach(rule -> rules.add(ruleJson(rule)));
        return out;
    }

    private void putFaults(JsonNode body) {
        JsonNode rulesNode = body.isArray() ? body : body.path("rules");
        if (!rulesNode.isArray()) {
            throw new IllegalArgumentException("expected {\"rules\": [...]} or an array of rules");
        }
        List<FaultRule> rules = new ArrayList<>();
        rulesNode.forEach(node -> rules.add(ruleFrom(node)));
        if (body.has("seed")) {
            control.faults(rules, (long) number(body, "seed"));
        } else {
            control.faults(rules);
        }
    }

    static FaultRule ruleFrom(JsonNode node) {
        requireObject(node);
        if (!node.path("kind").isString()) {
            throw new IllegalArgumentException("a fault rule needs a kind: status, html, drop, truncate, malformed"
                    + " or latency");
        }
        FaultRule.Kind kind;
        try {
            kind = FaultRule.Kind.fromWire(node.get("kind").asString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault kind " + node.get("kind").asString());
        }
        int defaultStatus = kind == FaultRule.Kind.HTML ? 502 : kind == FaultRule.Kind.STATUS ? 500 : 0;
        long nth = node.has("nth") ? (long) number(node, "nth") : 0;
        double rate = node.has("rate") ? number(node, "rate") : nth > 0 ? 0 : 1.0;
        return new FaultRule(kind,
                node.has("status") ? (int) number(node, "status") : defaultStatus,
                rate,
                nth,
                node.has("times") ? (int) number(node, "times") : 0,
                node.has("latency_ms") ? (long) number(node, "latency_ms") : 0,
                node.path("path_prefix").isString() ? node.get("path_prefix").asString() : null);
    }

    static ObjectNode ruleJson(FaultRule rule) {
        ObjectNode out = Json.object();
        out.put("kind", rule.kind().wireName());
        if (rule.status() != 0) {
            out.put("status", rule.status());
        }
        if (rule.nth() > 0) {
            out.put("nth", rule.nth());
            out.put("times", rule.times());
        } else {
            out.put("rate", rule.rate());
        }
        if (rule.latencyMillis() > 0) {
            out.put("latency_ms", rule.latencyMillis());
        }
        if (rule.pathPrefix() != null) {
            out.put("path_prefix", rule.pathPrefix());
        }
        return out;
    }

    private ObjectNode tokens() {
        ObjectNode out = Json.object();
        out.put("propagation_delay_ms", control.tokenPropagationDelay().toMillis());
        out.put("lifetime_seconds", control.tokenLifetime().toSeconds());
        return out;
    }

    private void putTokens(JsonNode body) {
        requireObject(body);
        if (body.has("propagation_delay_ms")) {
            control.tokenPropagationDelay(Duration.ofMillis((long) number(body, "propagation_delay_ms")));
        }
        if (body.has("lifetime_seconds")) {
            control.tokenLifetime(Duration.ofSeconds((long) number(body, "lifetime_seconds")));
        }
    }

    private static JsonNode body(ApiRequest request) {
        String text = new String(request.body(), StandardCharsets.UTF_8);
        return text.isBlank() ? Json.object() : Json.MAPPER.readTree(text);
    }

    private static void requireObject(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
    }

    private static double number(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return v.doubleValue();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return v.booleanValue();
    }

    private static Reply error(int status, String message) {
        ObjectNode body = Json.object();
        body.put("error", message);
        return Reply.json(status, body);
    }
}
