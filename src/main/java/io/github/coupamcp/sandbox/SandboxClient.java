package io.github.coupamcp.sandbox;

import java.util.Objects;
import java.util.Set;

/**
 * An OAuth client the sandbox accepts at its token endpoint.
 *
 * @param scopes the scopes this client may be granted; null means every scope the sandbox's resources use
 */
public record SandboxClient(String id, String secret, Set<String> scopes) {
    public SandboxClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        if (id.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("client id and secret must not be blank");
        }
        scopes = scopes == null ? null : Set.copyOf(scopes);
    }

    /** A client allowed every scope the sandbox knows (the demo client). */
    public static SandboxClient withAllScopes(String id, String secret) {
        return new SandboxClient(id, secret, null);
    }

    /** A client restricted to the given scopes, e.g. to provoke 403 answers. */
    public static SandboxClient withScopes(String id, String secret, Set<String> scopes) {
        return new SandboxClient(id, secret, Objects.requireNonNull(scopes, "scopes"));
    }

    public boolean allScopes() {
        return scopes == null;
    }

    @Override
    public String toString() {
        return "SandboxClient[id=" + id + ", scopes=" + (scopes == null ? "all" : scopes) + "]";
    }
}
