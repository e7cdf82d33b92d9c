package io.github.coupamcp.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tenants of a tenants file and how a caller is mapped to one: by a claim of its verified access token, or by the
 * static bearer token it sent. Immutable; lookups are indexed once here.
 */
public final class Tenants {
    /** The claim naming the principal when the file names none: the token's subject. */
    public static final String DEFAULT_PRINCIPAL_CLAIM = "sub";
    private static final String HMAC = "HmacSHA256";

    private final String principalClaim;
    private final List<TenantSpec> tenants;
    private final Map<String, TenantSpec> byName = new LinkedHashMap<>();
    private final Map<String, TenantSpec> byPrincipal = new HashMap<>();
    /** Random per instance: the tags of the index below cannot be computed, or learnt usefully, outside it. */
    private final SecretKeySpec tagKey = new SecretKeySpec(randomBytes(32), HMAC);
    /** Keyed by the tokens' HMAC tags: tokens themselves are never compared or hashed as strings. */
    private final Map<ByteBuffer, TenantSpec> byTokenTag = new HashMap<>();

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
                if (byTokenTag.putIfAbsent(tag(token), t) != null) {
                    throw new IllegalArgumentException("a static token of tenant " + t.name() + " is another's too");
                }
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
     * The tenant owning this static bearer token; empty when none does. The lookup compares HMAC tags under a secret
     * random key, not the tokens: its timing depends only on the guess's tag, which tells an attacker nothing about how
     * close the guess came, the token's length, or anything to test guesses against offline; and its cost does not
     * grow with the number of tenants.
     */
    public Optional<TenantSpec> forStaticToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byTokenTag.get(tag(token)));
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

    private ByteBuffer tag(String token) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(tagKey);
            return ByteBuffer.wrap(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
