package io.github.coupamcp.tools;

import io.github.coupamcp.shape.CursorCodec;
import java.math.BigDecimal;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a write tool's call would write: the target ({@code invoices/12}, or the resource and natural key of a record
 * to create), the target's {@code updated-at} (actions), the exact payload, the record as it is now (actions) or the
 * existing duplicate (creates), the document's total; or why it may not ({@code refusal}, for the agent).
 */
record WritePlan(String target, Long id, String version, ObjectNode body, ObjectNode current, ObjectNode duplicate,
        String refusal, BigDecimal amount, String currency) {
    /** What the confirmation token pins of the payload. */
    String bodyDigest() {
        return CursorCodec.digest(body);
    }
}
