package io.github.coupamcp.sandbox;

import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A tiny java.net.http client for contract tests against a running sandbox. */
final class SandboxHttp {
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Sandbox sandbox;

    SandboxHttp(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Percent-encodes brackets, quotes and the like in a query string written readably in a test. */
    static String encodeQuery(String query) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&")) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            out.append(URLEncoder.encode(name, StandardCharsets.UTF_8));
            if (eq >= 0) {
                out.append('=').append(URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }

    URI uri(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : "?" + encodeQuery(pathAndQuery.substring(q + 1));
        return URI.create(sandbox.baseUrl() + path + query);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> token(String form) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    /** A token for the demo client, or for another client with its scopes. */
    String accessToken(String clientId, String secret, String scope) {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret
                + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        HttpResponse<String> response = token(form);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
        }
        return Json.MAPPER.readTree(response.body()).get("access_token").asString();
    }

    HttpResponse<String> get(String pathAndQuery, String token, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(b.build());
    }

    HttpResponse<String> json(String method, String pathAndQuery, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return send(b.build());
    }

    static JsonNode parse(HttpResponse<String> response) {
        return Json.MAPPER.readTree(response.body());
    }
}
