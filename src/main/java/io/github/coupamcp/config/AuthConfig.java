package io.github.coupamcp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * MCP authorization over HTTP: the server is an OAuth 2.1 resource server accepting JWT access tokens from one
 * issuer, for one audience (this server's resource URL). Immutable and validated on construction.
 *
 * @param issuer the authorization server's issuer identifier, compared exactly with the tokens' {@code iss}
 * @param audience this server's canonical resource URL, required in the tokens' {@code aud}
 * @param jwksUrl where the issuer's signing keys are; null = from the issuer's metadata
 * @param requiredScopes scopes every token must carry (empty: none)
 */
public record AuthConfig(String issuer, String audience, String jwksUrl, List<String> requiredScopes) {
    public static final String ENV_ISSUER = "COUPA_MCP_AUTH_ISSUER";
    public static final String ENV_AUDIENCE = "COUPA_MCP_AUTH_AUDIENCE";
    public static final String ENV_JWKS_URL = "COUPA_MCP_AUTH_JWKS_URL";
    public static final String ENV_SCOPES = "COUPA_MCP_AUTH_SCOPES";

    public AuthConfig {
        requireUrl(ENV_ISSUER, issuer, true);
        requireUrl(ENV_AUDIENCE, audience, false);
        if (jwksUrl != null) {
            requireUrl(ENV_JWKS_URL, jwksUrl, true);
        }
        requiredScopes = List.copyOf(requiredScopes);
    }

    /** The settings the environment holds, or null when none of them is set (authorization off). */
    public static AuthConfig fromEnv(Map<String, String> env) {
        String issuer = blankToNull(env.get(ENV_ISSUER));
        String audience = blankToNull(env.get(ENV_AUDIENCE));
        String jwksUrl = blankToNull(env.get(ENV_JWKS_URL));
        List<String> scopes = splitScopes(env.get(ENV_SCOPES));
        if (issuer == null && audience == null && jwksUrl == null && scopes.isEmpty()) {
            return null;
        }
        if (issuer == null || audience == null) {
            throw new ServerConfigException("OAuth authorization needs both " + ENV_ISSUER
                    + " (the authorization server) and " + ENV_AUDIENCE + " (this server's URL, e.g. "
                    + "https://mcp.example.com/mcp)");
        }
        return new AuthConfig(issuer, audience, jwksUrl, scopes);
    }

    /**
     * Where this server's Protected Resource Metadata (RFC 9728) is published for the audience: the well-known
     * path inserted between the host and the resource's path.
     */
    public String resourceMetadataUrl() {
        URI uri = URI.create(audience);
        String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + uri.getHost() + port + "/.well-known/oauth-protected-resource" + path;
    }

    /**
     * Plain http is accepted for loopback only (development and tests): anything else would let a network attacker
     * swap the keys that decide who may call the server.
     */
    private static void requireUrl(String name, String value, boolean httpsUnlessLoopback) {
        if (value == null || value.isBlank()) {
            throw new ServerConfigException(name + " must be set");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ServerConfigException(name + " must be an absolute http(s) URL, got '" + value + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ServerConfigException(name + " must be an absolute http(s) URL without query or fragment, got '"
                    + value + "'");
        }
        if (httpsUnlessLoopback && scheme.equals("http") && !ServerConfig.isLoopback(uri.getHost())) {
            throw new ServerConfigException(name + " must use https (plain http is accepted for loopback only), got '"
                    + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> splitScopes(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }
}
