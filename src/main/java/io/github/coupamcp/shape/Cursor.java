package io.github.coupamcp.shape;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decoded content of a continuation token: which listing (tool and its normalised filters and projection)
 * and where it stopped (the last id returned; the next page asks for {@code id[gt]=afterId}).
 */
public record Cursor(String tool, ObjectNode arguments, long afterId, Instant expiresAt) {}
