package io.github.coupamcp.sandbox;

import io.github.coupamcp.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /oauth2/token} (alias {@code /oauth2/access_tokens}): the client credentials grant. Client id and
 * secret come from the form body or from HTTP Basic auth; parameters on the query string are accepted too, as
 * Coupa's docs show them there for other grants.
 */
final class SandboxTokenEndpoint {
    static final List<String> PATHS = List.of("/oauth2/token", "/oauth2/access_tokens");

    private final TokenService tokens;

    SandboxTokenEndpoint(TokenService tokens) {
        this.tokens = tokens;
    }

    Reply handle(ApiRequest request) {
        if (!request.method().equalsIgnoreCase("POST")) {
            return oauthError(405, "invalid_request", "Use POST").withHeader("Allow", "POST");
        }
        Map<String, String> form = new HashMap<>();
        request.params().forEach((k, v) -> form.put(k, v.get(v.size() - 1)));
        form.putAll(parseForm(new String(request.body(), StandardCharsets.UTF_8)));
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        String[] basic = basic(request.authorization());
        if (basic != null) {
            clientId = basic[0];
            secret = basic[1];
        }
        TokenService.Grant grant = tokens.issue(form.get("grant_type"), clientId, secret, form.get("scope"));
        if (!grant.ok()) {
            Reply reply = oauthError(grant.errorStatus(), grant.error(), grant.errorDescription());
            return grant.errorStatus() == 401 ? reply.withHeader("WWW-Authenticate", "Basic realm=\"coupa\"") : reply;
        }
        ObjectNode body = Json.object();
        body.put("access_token", grant.accessToken());
        body.put("token_type", "bearer");
        body.put("expires_in", grant.expiresInSeconds());
        body.put("scope", String.join(" ", grant.scopes()));
        return Reply.json(200, body).withHeader("Cache-Control", "no-store");
    }

    private static Reply oauthError(int status, String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        return Reply.json(status, body);
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> out = new HashMap<>();
        if (body.isBlank()) {
            return out;
        }
        for (String pair : body.strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed pair is ignored, as a form parser would
            }
        }
        return out;
    }

    /** {@code [id, secret]} from an HTTP Basic header, or null. */
    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
