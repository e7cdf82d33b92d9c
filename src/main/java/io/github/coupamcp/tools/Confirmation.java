package io.github.coupamcp.tools;

import java.time.Instant;

/**
 * What a confirmation token pins: a single-use id, the tool, the digest of the call's arguments and of the exact
 * payload previewed, the target ({@code invoices/12}, or the natural key of a record to create) and its
 * {@code updated-at} at preview time (null for creates), when it was issued and expires, and the process that alone
 * may accept it (null: any process with the key).
 */
record Confirmation(String id, String tool, String argumentsDigest, String bodyDigest, String target,
        String version, Instant issuedAt, Instant expiresAt, String process) {}
