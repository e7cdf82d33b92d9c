package io.github.coupamcp.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenants of a tenants file and how a caller is mapped to one: by a claim of its verified access token, or by the
 * static bearer token it sent. Immutable; lookups are indexed once here.
 */
public final class Tenants {
    /** The claim naming the principal when the file names none: the token's subject. */
    public static final String DEFAULT_PRINCIPAL_CLAIM = "sub";

    private final String principalClaim;
    private final List<TenantSpec> tenants;
    private final Map<String, TenantSpec> byName = new LinkedHashMap<>();
    private final Map<String, TenantSpec> byPrincipal = new HashMap<>();
    private final List<TokenDigest> tokens = new ArrayList<>();

    /** @throws IllegalArgumentException when a name, principal or token appears twice ({@link TenantsFile} says where) */
    public Tenants(String principalClaim, List<TenantSpec> tenants) {
        this.principalClaim = Objects.requireNonNull(principalClaim, "principalClaim");
        this.tenants = List.copyOf(tenants);
        for (TenantSpec t : this.tenants) {
            if (byName.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("two tenants named " + t.name());
            }
            for (String p : t.principals()) {
                if (byPrincipal.putIfAbsent(p, t) != null) {
                    throw new IllegalArgumentException("principal " + p + " in two tenants");
                }
            }
            for (String token : t.staticTokens()) {
                byte[] digest = sha256(token);
                if (tokens.stream().anyMatch(d -> MessageDigest.isEqual(d.digest(), digest))) {
                    throw new IllegalArgumentException("a static token of tenant " + t.name() + " is another's too");
                }
                tokens.add(new TokenDigest(digest, t));
            }
        }
    }

    /** Which claim of a verified access token names the principal ({@value #DEFAULT_PRINCIPAL_CLAIM} by default). */
    public String principalClaim() {
        return principalClaim;
    }

    /** In the file's order. */
    public List<TenantSpec> tenants() {
        return tenants;
    }

    /** The tenant whose {@code principals} list this value of the principal claim; empty when none does. */
    public Optional<TenantSpec> forPrincipal(String claimValue) {
        return claimValue == null ? Optional.empty() : Optional.ofNullable(byPrincipal.get(claimValue));
    }

    /**
     * The tenant owning this static bearer token; empty when none does. Every known token is compared, in constant
     * time on digests, so that neither timing nor the token's length tells how close a guess came or whose it was.
     */
    public Optional<TenantSpec> forStaticToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        byte[] digest = sha256(token);
        TenantSpec found = null;
        for (TokenDigest known : tokens) {
            if (MessageDigest.isEqual(known.digest(), digest)) {
                found = known.tenant();
            }
        }
        return Optional.ofNullable(found);
    }

    /** @throws IllegalArgumentException when no tenant has this name */
    public TenantSpec named(String name) {
        TenantSpec t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tenant named '" + name + "'; tenants: " + byName.keySet());
        }
        return t;
    }

    @Override
    public String toString() {
        return "Tenants[principalClaim=" + principalClaim + ", tenants=" + tenants + "]";
    }

    private record TokenDigest(byte[] digest, TenantSpec tenant) {}

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
