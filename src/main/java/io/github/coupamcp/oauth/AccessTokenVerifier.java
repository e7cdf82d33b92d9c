package io.github.coupamcp.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.coupamcp.config.AuthConfig;
import io.github.coupamcp.oauth.TokenRejectedException.Reason;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Checks OAuth access tokens the way the MCP authorization specification asks of a resource server: a JWS signed
 * with one of the issuer's published asymmetric keys, from the configured issuer, for this server's audience,
 * within its validity window (allowing {@link #CLOCK_SKEW}), carrying the required scopes. Unsigned tokens and
 * HMAC tokens are refused by algorithm before any key is looked up (no "none", no public key used as a secret).
 */
public final class AccessTokenVerifier {
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** Asymmetric algorithms only: keys come from a public JWKS, so a shared-secret algorithm is always an attack. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final List<String> requiredScopes;

    public AccessTokenVerifier(AuthConfig config) {
        this(config, IssuerKeys.DEFAULT_MIN_REFRESH_INTERVAL);
    }

    AccessTokenVerifier(AuthConfig config, Duration minKeyRefreshInterval) {
        this.requiredScopes = config.requiredScopes();
        IssuerKeys keys = new IssuerKeys(config.issuer(), config.jwksUrl(), minKeyRefreshInterval);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // RFC 9068 access tokens say at+jwt; many issuers still say JWT or nothing
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(config.audience()),
                new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
                Set.of("exp"),
                null);
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The token's claims when it is acceptable; otherwise why not, in words the client may see. */
    public VerifiedToken verify(String token) throws TokenRejectedException {
        JWTClaimsSet claims;
        try {
            // SignedJWT.parse refuses unsecured ("alg":"none") and encrypted tokens outright
            claims = processor.process(SignedJWT.parse(token), null);
        } catch (ParseException e) {
            throw new TokenRejectedException(Reason.INVALID_TOKEN, "The access token is not a signed JWT");
        } catch (BadJWTException e) {
            throw new TokenRejectedException(Reason.INVALID_TOKEN, "The access token was refused: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new TokenRejectedException(Reason.INVALID_TOKEN, "The access token's signature was refused "
                    + "(unexpected algorithm, unknown key or invalid signature)");
        } catch (RateLimitReachedException e) {
            throw new TokenRejectedException(Reason.INVALID_TOKEN, "The access token is signed with an unknown key");
        } catch (KeySourceException e) {
            throw new TokenRejectedException(Reason.ISSUER_UNAVAILABLE, "The authorization server's keys cannot be "
                    + "fetched right now; retry shortly");
        } catch (JOSEException e) {
            throw new TokenRejectedException(Reason.INVALID_TOKEN, "The access token's signature cannot be checked");
        }
        Set<String> scopes = scopes(claims);
        List<String> missing = requiredScopes.stream().filter(s -> !scopes.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new TokenRejectedException(Reason.INSUFFICIENT_SCOPE, "The access token lacks scope "
                    + String.join(" ", missing));
        }
        String clientId = stringClaim(claims, "client_id");
        return new VerifiedToken(claims.getSubject(), clientId != null ? clientId : stringClaim(claims, "azp"), scopes,
                stringClaims(claims));
    }

    /** The claims whose value is a string or a number (a tenants file may name its principals by any of them). */
    private static Map<String, String> stringClaims(JWTClaimsSet claims) {
        Map<String, String> values = new LinkedHashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof String || value instanceof Number) {
                values.put(name, value.toString());
            }
        });
        return values;
    }

    public List<String> requiredScopes() {
        return requiredScopes;
    }

    /** RFC 9068 {@code scope} (space-separated), or the {@code scp} list/string some issuers use. */
    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String name : List.of("scope", "scp")) {
            Object value = claims.getClaim(name);
            if (value instanceof String s) {
                scopes.addAll(Arrays.asList(s.trim().split("\\s+")));
            } else if (value instanceof List<?> list) {
                list.forEach(v -> scopes.add(String.valueOf(v)));
            }
        }
        scopes.remove("");
        return scopes;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }
}
