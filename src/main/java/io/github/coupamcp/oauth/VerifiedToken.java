package io.github.coupamcp.oauth;

import java.util.Map;
import java.util.Set;

/**
 * What a valid access token says about its bearer. The token itself is not kept: it is never forwarded anywhere
 * (Coupa is called with the server's own client credentials).
 *
 * @param subject the {@code sub} claim, or null
 * @param clientId the {@code client_id} (or {@code azp}) claim, or null
 * @param scopes the granted scopes ({@code scope} or {@code scp})
 * @param claims the token's string and number claims (the tenants file's {@code principal_claim} names one)
 */
public record VerifiedToken(String subject, String clientId, Set<String> scopes, Map<String, String> claims) {
    public VerifiedToken {
        scopes = Set.copyOf(scopes);
        claims = Map.copyOf(claims);
    }

    public VerifiedToken(String subject, String clientId, Set<String> scopes) {
        this(subject, clientId, scopes, Map.of());
    }

    /**
     * The value of {@code claim}; for {@code sub} (the default principal claim) the principal as {@link #principal()}
     * names it, so a token without a subject is known by its client. Null when the token has no such claim.
     */
    public String claim(String claim) {
        if (claim == null || claim.equals("sub")) {
            return subject != null ? subject : clientId;
        }
        return claims.get(claim);
    }

    /** Who is calling, for logs: the subject, else the client, else "unknown". */
    public String principal() {
        return subject != null ? subject : clientId != null ? clientId : "unknown";
    }
}
