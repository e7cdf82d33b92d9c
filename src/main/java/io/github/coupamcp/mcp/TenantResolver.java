package io.github.coupamcp.mcp;

import io.github.coupamcp.oauth.VerifiedToken;

/** Which tenant an authenticated caller belongs to (the tenants file); null: none. */
public interface TenantResolver {
    /** The tenant whose static bearer token this is. */
    String forStaticToken(String token);

    /** The tenant of the principal a verified OAuth access token names. */
    String forToken(VerifiedToken token);

    /** The principal of {@code token} as the tenants file names it, for the refusal of an unassigned one. */
    String principalOf(VerifiedToken token);
}
