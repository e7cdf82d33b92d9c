package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit trail of writes: one JSON line per step (preview, confirmation, outcome) on its own logger, so an operator
 * can route or keep it apart from the rest of the log (stderr, like every log). A line names the tool, the target,
 * the digest of the exact payload, the confirmation id and the outcome, and where the call came from (request id as
 * in the access log, MCP session, tenant, principal: see {@link CallOrigin}) — never a token, a secret or the payload
 * itself.
 */
final class WriteAudit {
    static final String LOGGER = "io.github.coupamcp.audit.writes";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private WriteAudit() {}

    /**
     * @param step    preview, confirm or outcome
     * @param outcome previewed, refused, written, replayed, unknown, declined, failed …
     */
    static void log(String step, String tool, String target, String bodyDigest, String confirmationId,
            String outcome, String detail) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        ObjectNode line = Json.object().put("ts", Instant.now().toString()).put("type", "audit").put("step", step)
                .put("tool", tool).put("target", target).put("payload_digest", bodyDigest)
                .put("confirmation", confirmationId).put("outcome", outcome);
        if (detail != null) {
            line.put("detail", detail);
        }
        CallOrigin.current().forEach(line::put);
        LOG.info(Json.MAPPER.writeValueAsString(line));
    }
}
