package io.github.coupamcp.shape;

import io.github.coupamcp.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stateless, signed continuation tokens: {@code base64url(json) "." base64url(HMAC-SHA256(key, base64url(json)))}.
 * The payload pins the tool, a digest of its normalised arguments and the keyset position, so any replica holding
 * the key can continue a listing and nobody can forge or redirect one. The arguments themselves ride along only
 * while they are short (so the cursor alone can continue), which keeps every token short. Thread-safe.
 */
public final class CursorCodec {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** Longest argument JSON (UTF-8 bytes) carried in a token; longer ones are pinned by their digest only. */
    static final int MAX_CARRIED_ARGUMENT_BYTES = 256;
    private static final int DIGEST_BYTES = 16;

    private final TokenSigner signer;
    private final Duration ttl;
    private final Clock clock;

    public CursorCodec(byte[] signingKey, Duration ttl, Clock clock) {
        if (signingKey == null || signingKey.length < 16) {
            throw new IllegalArgumentException("cursor signing key must have at least 16 bytes");
        }
        this.signer = new TokenSigner(signingKey);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A token continuing {@code tool} with {@code arguments} after {@code afterId}, valid for the configured TTL. */
    public String encode(String tool, ObjectNode arguments, long afterId) {
        return encode(tool, arguments, afterId, null);
    }

    /** As {@link #encode(String, ObjectNode, long)}, in a listing ordered by another field ({@code sortedAfter}). */
    public String encode(String tool, ObjectNode arguments, long afterId, SortPosition sortedAfter) {
        ObjectNode payload = Json.object();
        String canonical = canonical(arguments);
        payload.put("t", tool);
        if (canonical.getBytes(StandardCharsets.UTF_8).length <= MAX_CARRIED_ARGUMENT_BYTES) {
            payload.set("a", arguments); // their digest is computed again on decoding: no need to carry both
        } else {
            payload.put("d", digest(canonical));
        }
        payload.put("k", afterId);
        if (sortedAfter != null) {
            ObjectNode p = payload.putObject("p");
            if (!sortedAfter.inNoValue()) {
                p.put("v", sortedAfter.value());
            }
            p.put("r", sortedAfter.runComplete());
        }
        payload.put("e", clock.instant().plus(ttl).getEpochSecond());
        return signer.sign(payload);
    }

    /**
     * Verifies and opens a token for {@code tool}. The signature is checked before anything is parsed; the tool
     * must match and the token must not be expired. Comparing arguments is the caller's job.
     */
    public Cursor decode(String tool, String token) {
        ObjectNode payload = wellFormed(signer.verify(token));
        if (!tool.equals(payload.path("t").asString())) {
            throw new CursorException(CursorException.Reason.MISMATCHED,
                    "this cursor belongs to " + payload.path("t").asString() + ", not " + tool);
        }
        Instant expiresAt = Instant.ofEpochSecond(payload.path("e").asLong());
        if (!clock.instant().isBefore(expiresAt)) {
            throw new CursorException(CursorException.Reason.EXPIRED, "this cursor expired at " + expiresAt);
        }
        ObjectNode arguments = payload.get("a") instanceof ObjectNode o ? o : null;
        String digest = arguments != null ? digest(arguments) : payload.path("d").asString();
        JsonNode p = payload.get("p");
        SortPosition sortedAfter = p == null ? null
                : p.has("v") ? new SortPosition(p.get("v").asString(), p.path("r").asBoolean()) : SortPosition.NO_VALUE;
        return new Cursor(tool, digest, arguments, payload.path("k").asLong(), sortedAfter, expiresAt);
    }

    /**
     * What a cursor pins of its arguments: the same arguments in any key order give the same digest (agents rebuild
     * the call and rarely keep the order), other arguments a different one.
     */
    public static String digest(ObjectNode arguments) {
        return digest(canonical(arguments));
    }

    private static String digest(String canonical) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(Arrays.copyOf(sha, DIGEST_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** JSON text with object keys sorted at every level; array order is kept (it may mean something). */
    static String canonical(JsonNode node) {
        return sortedCopy(node).toString();
    }

    private static JsonNode sortedCopy(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode sorted = Json.object();
            new TreeSet<>(object.propertyNames()).forEach(k -> sorted.set(k, sortedCopy(object.get(k))));
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = Json.array();
            array.forEach(element -> copy.add(sortedCopy(element)));
            return copy;
        }
        return node;
    }

    public Duration ttl() {
        return ttl;
    }

    private static ObjectNode wellFormed(ObjectNode o) {
        if (o != null && o.has("t") && (o.get("a") instanceof ObjectNode || o.has("d"))
                && o.has("k") && o.has("e") && (!o.has("p") || o.get("p").isObject())) {
            return o;
        }
        throw tampered();
    }

    /**
     * A signer for another kind of token, keyed from this codec's key (so it follows the configured key across
     * replicas) but never able to make or accept a cursor.
     */
    public TokenSigner derivedSigner(String purpose) {
        return signer.derive(purpose);
    }

    public Clock clock() {
        return clock;
    }

    private static CursorException tampered() {
        return new CursorException(CursorException.Reason.TAMPERED, "this cursor is not valid (altered or foreign)");
    }
}
