package io.github.coupamcp.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One tenant of the tenants file (see {@link TenantsFile}): who belongs to it and which Coupa connection and tools
 * it gets. Secrets are already resolved; {@link #toString()} never shows them.
 *
 * @param name unique name ({@code [a-z0-9][a-z0-9_-]{0,39}}), safe for metrics, logs and readiness output
 * @param principals values of the tenants' principal claim that belong to this tenant
 * @param staticTokens bearer tokens that belong to this tenant (resolved secrets)
 * @param coupaEnv the tenant's Coupa settings as the {@code COUPA_*} variables {@link CoupaConfig#builderFromEnv}
 *     reads, client secret resolved; scopes may be absent (then the enabled tools' scopes apply)
 * @param toolsets the toolsets this tenant may use; empty: the server's
 * @param readOnly null: the server's setting
 * @param enableWrites null: the server's setting (read-only wins over it)
 * @param maxSessions the sessions this tenant may hold at once; null: only the server's limit applies
 * @param maxConcurrentCalls the tool calls this tenant may run at once; null: only the HTTP server's threads bound them
 */
public record TenantSpec(String name, Set<String> principals, Set<String> staticTokens, Map<String, String> coupaEnv,
        List<String> toolsets, Boolean readOnly, Boolean enableWrites, Integer maxSessions,
        Integer maxConcurrentCalls) {
    /** The message the tenant's cursor key is derived for; the name makes it differ per tenant. */
    private static final String CURSOR_KEY_CONTEXT = "tenant:";

    public TenantSpec {
        Objects.requireNonNull(name, "name");
        principals = Collections.unmodifiableSet(new LinkedHashSet<>(principals));
        staticTokens = Collections.unmodifiableSet(new LinkedHashSet<>(staticTokens));
        coupaEnv = Collections.unmodifiableMap(new TreeMap<>(coupaEnv));
        toolsets = List.copyOf(toolsets);
    }

    /** The tenant's Coupa connection settings, to complete (default scopes) and build like the server's own. */
    public CoupaConfig.Builder coupa() {
        return CoupaConfig.builderFromEnv(coupaEnv);
    }

    /**
     * The server settings this tenant's tools run with: {@code base} with the tenant's toolsets, read-only and writes
     * applied, and a cursor key of its own so that one tenant's cursors and confirmation tokens are refused by any
     * other. The tenant's toolsets are a ceiling: the server's tools named one by one ({@code COUPA_MCP_TOOLS}) and
     * dynamic toolsets (which would let the agent enable any toolset) are dropped with them. With a configured base key the tenant's key is derived from it (stable across restarts and replicas);
     * without one it stays unset, so each tenant's tools draw a random key.
     */
    public ServerConfig serverConfig(ServerConfig base) {
        ServerConfig.Builder b = base.toBuilder();
        if (!toolsets.isEmpty()) {
            b.toolsets(toolsets).tools(List.of()).dynamicToolsets(false);
        }
        if (readOnly != null) {
            b.readOnly(readOnly);
        }
        if (enableWrites != null) {
            b.enableWrites(enableWrites);
        }
        b.cursorKey(base.cursorKey() == null ? null : derivedCursorKey(base.cursorKey(), name));
        return b.build();
    }

    /** HMAC-SHA256(base key, "tenant:" + name) in hex; the base key is used as UTF-8 bytes, as the tools use it. */
    static String derivedCursorKey(String baseKey, String tenant) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(baseKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((CURSOR_KEY_CONTEXT + tenant).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "TenantSpec[name=" + name + ", principals=" + principals + ", staticTokens=" + staticTokens.size()
                + ", instanceUrl=" + coupaEnv.get(CoupaConfig.ENV_INSTANCE_URL) + ", clientId="
                + coupaEnv.get(CoupaConfig.ENV_CLIENT_ID) + ", toolsets=" + (toolsets.isEmpty() ? "server's" : toolsets)
                + ", readOnly=" + (readOnly == null ? "server's" : readOnly) + ", enableWrites="
                + (enableWrites == null ? "server's" : enableWrites) + "]";
    }
}
