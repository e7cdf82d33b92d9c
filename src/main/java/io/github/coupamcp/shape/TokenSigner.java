package io.github.coupamcp.shape;

import io.github.coupamcp.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signed JSON tokens: {@code base64url(json) "." base64url(HMAC-SHA256(key, base64url(json)))}. Shared by cursors
 * and write confirmations; each use signs with its own key derived from the configured one ({@link #derive}), so a
 * token of one kind can never pass as the other. Thread-safe.
 */
public final class TokenSigner {
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public TokenSigner(byte[] signingKey) {
        if (signingKey == null || signingKey.length < 16) {
            throw new IllegalArgumentException("signing key must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(signingKey.clone(), HMAC);
    }

    /** A signer whose key is HMAC(this key, purpose): tokens of one purpose do not verify under another. */
    public TokenSigner derive(String purpose) {
        return new TokenSigner(mac(purpose));
    }

    public String sign(ObjectNode payload) {
        String body = ENCODER.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODER.encodeToString(mac(body));
    }

    /**
     * The payload of a token this signer made, or null when the token is altered, truncated, foreign or unreadable.
     * The signature is checked before anything is parsed.
     */
    public ObjectNode verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1) {
            return null;
        }
        String body = token.substring(0, dot);
        byte[] signature = canonicalDecode(token.substring(dot + 1));
        if (signature == null || !MessageDigest.isEqual(signature, mac(body))) {
            return null;
        }
        byte[] json = canonicalDecode(body);
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
            return node instanceof ObjectNode o ? o : null;
        } catch (JacksonException e) {
            return null; // a correctly signed but unreadable payload means a different format version
        }
    }

    /**
     * Base64url as this signer writes it, and only that: the decoder tolerates padding and non-zero unused bits in
     * the last character, which would let several spellings of one signature verify.
     */
    private static byte[] canonicalDecode(String text) {
        try {
            byte[] bytes = DECODER.decode(text);
            if (ENCODER.encodeToString(bytes).equals(text)) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // falls through: not base64url at all
        }
        return null;
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
