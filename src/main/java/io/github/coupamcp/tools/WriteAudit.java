package io.github.coupamcp.tools;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of writes: one structured line per step (preview, confirmation, outcome) on its own logger, so an
 * operator can route or keep it apart from the rest of the log (stderr, like every log). A line names the tool, the
 * target, the digest of the exact payload, the confirmation id and the outcome — never a token, a secret or the
 * payload itself.
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
        LOG.info("write step={} tool={} target={} payload_digest={} confirmation={} outcome={}{}", step, tool,
                quoted(target), bodyDigest == null ? "-" : bodyDigest, confirmationId == null ? "-" : confirmationId,
                outcome, detail == null ? "" : " detail=" + quoted(detail));
    }

    private static String quoted(String value) {
        if (value == null) {
            return "-";
        }
        String clean = value.replaceAll("[\\r\\n\\t]+", " ");
        return clean.matches("[A-Za-z0-9_./:=\\[\\],-]+") ? clean : "\"" + clean.replace("\"", "'") + "\"";
    }
}
