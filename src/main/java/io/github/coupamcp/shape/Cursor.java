package io.github.coupamcp.shape;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decoded content of a continuation token: which listing (tool, and the digest of its normalised filters and
 * projection) and where it stopped (the last id returned; the next page asks for {@code id[gt]=afterId}).
 * {@code arguments} are the listing's arguments when they were short enough to carry, otherwise null.
 * {@code sortedAfter} is the position in a listing ordered by another field than id, otherwise null.
 */
public record Cursor(String tool, String argumentsDigest, ObjectNode arguments, long afterId, SortPosition sortedAfter,
        Instant expiresAt) {
    /** Whether {@code listingArguments} (normalised, in any key order) are the ones this cursor continues. */
    public boolean continues(ObjectNode listingArguments) {
        return argumentsDigest.equals(CursorCodec.digest(listingArguments));
    }
}
