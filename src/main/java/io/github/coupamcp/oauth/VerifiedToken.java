package io.github.coupamcp.oauth;

import java.util.Set;

/**
 * What a valid access token says about its bearer. The token itself is not kept: it is never forwarded anywhere
 * (Coupa is called with the server's own client credentials).
 *
 * @param subject the {@code sub} claim, or null
 * @param clientId the {@code client_id} (or {@code azp}) claim, or null
 * @param scopes the granted scopes ({@code scope} or {@code scp})
 */
public record VerifiedToken(String subject, String clientId, Set<String> scopes) {
    public VerifiedToken {
        scopes = Set.copyOf(scopes);
    }

    /** Who is calling, for logs: the subject, else the client, else "unknown". */
    public String principal() {
        return subject != null ? subject : clientId != null ? clientId : "unknown";
    }
}
