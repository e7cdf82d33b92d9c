package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.CursorCodec;
import io.github.coupamcp.shape.FreeText;
import io.github.coupamcp.shape.RecordCompactor;
import io.github.coupamcp.shape.TextRenderer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every write tool, in two calls. Without {@code confirmation_token} it checks the change against Coupa (the record's
 * status, a duplicate, the names it refers to), writes nothing, and returns the exact payload with a token bound to
 * it. With the token it checks again that nothing moved (same payload, same target, same {@code updated-at}), asks
 * the human where the client can and the write is high-impact, writes once, and records the outcome under the
 * token: a replay gets that outcome, and a write whose answer was lost is found again before anything is re-sent.
 */
final class WriteToolHandler implements ToolHandler.WithProgress {
    /** How long a confirmation waits behind another of the same record before it says so (nothing written). */
    private static final Duration TARGET_WAIT = Duration.ofSeconds(30);
    private static final String EXACT_PAYLOAD = " The payload in the structured content is exactly what will be sent.";
    private final ToolSpec spec;
    private final WriteBlock block;
    private final ToolContext context;
    private final Confirmations confirmations;
    private final RecordCompactor compactor;
    private final WritePlanner planner;

    WriteToolHandler(ToolSpec spec, WriteBlock block, ToolContext context) {
        this.spec = spec;
        this.block = block;
        this.context = context;
        this.confirmations = context.confirmations();
        this.compactor = new RecordCompactor(block.compaction());
        this.planner = new WritePlanner(spec.name(), block, context.client(), compactor);
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments, ToolProgress progress) {
        ObjectNode request = arguments.deepCopy();
        JsonNode token = request.remove(WriteBlocks.TOKEN);
        String argumentsDigest = CursorCodec.digest(request);
        return token == null ? preview(request, argumentsDigest) : confirm(request, argumentsDigest,
                token.asString(), progress);
    }

    // ------------------------------------------------------------------ preview

    private ToolOutcome preview(ObjectNode request, String argumentsDigest) {
        WritePlan plan = planner.plan(request);
        if (plan.refusal() != null) {
            WriteAudit.log("preview", spec.name(), plan.target(), null, null, "refused", plan.refusal());
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, plan.refusal());
        }
        String token = confirmations.issue(spec.name(), argumentsDigest, plan.bodyDigest(), plan.target(),
                plan.version(), block.creates() && block.unique().isEmpty());
        Confirmation issued = confirmations.open(spec.name(), token);
        Instant expires = issued.expiresAt();
        WriteAudit.log("preview", spec.name(), plan.target(), plan.bodyDigest(), issued.id(), "previewed", null);
        ObjectNode structured = Json.object();
        structured.put("state", "preview");
        structured.put("target", plan.target());
        List<String> untrusted = List.of();
        if (plan.current() != null) {
            ObjectNode item = compactor.compact(plan.current());
            structured.set("item", item);
            untrusted = untrusted(structured, item);
        }
        if (plan.amount() != null) {
            structured.put("total", plan.amount().toPlainString());
            structured.put("currency", plan.currency());
        }
        if (!plan.body().isEmpty()) {
            structured.set("payload", plan.body());
        }
        structured.put("confirmation_token", token);
        structured.put("expires_at", expires.toString());
        String text = "Preview only, nothing was written: " + describe(plan) + ". To do it, call " + spec.name()
                + " again with the same arguments plus \"confirmation_token\": \"" + token + "\" (single use, valid until "
                + expires + ")." + (plan.body().isEmpty() ? "" : EXACT_PAYLOAD) + untrustedNote(untrusted);
        if (!context.budget().fits(structured, text)) {
            // a long document: the payload is built from the arguments alone, so the token still pins it exactly
            structured.remove("payload");
            structured.putArray("notes").add("payload left out to fit the response budget: it is your arguments "
                    + "as Coupa fields, and the token pins it exactly");
            text = text.replace(EXACT_PAYLOAD, "");
        }
        return ToolOutcome.success(structured, text);
    }

    private String describe(WritePlan plan) {
        if (block.creates()) {
            return "create " + block.entity() + " " + plan.target().substring(block.resource().length())
                    + (plan.amount() == null ? "" : " totalling " + plan.amount().toPlainString() + " "
                    + plan.currency());
        }
        ObjectNode item = compactor.compact(plan.current());
        return block.action().replace('_', ' ') + " " + block.entity() + " "
                + TextRenderer.line(item, block.line(), block.freeText())
                + " (status " + plan.current().path("status").asString() + " → " + block.to() + ")";
    }

    // ------------------------------------------------------------------ confirm

    private ToolOutcome confirm(ObjectNode request, String argumentsDigest, String token, ToolProgress progress) {
        Confirmation c;
        try {
            c = confirmations.open(spec.name(), token);
        } catch (ConfirmationException e) {
            WriteAudit.log("confirm", spec.name(), null, null, null, "invalid_token", null);
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, e.getMessage());
        }
        if (!c.argumentsDigest().equals(argumentsDigest)) {
            WriteAudit.log("confirm", spec.name(), c.target(), c.bodyDigest(), c.id(), "foreign_arguments", null);
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, "This confirmation_token was issued for "
                    + "other arguments of " + spec.name() + ": a token confirms exactly the previewed call. Nothing "
                    + "was written. Send the same arguments as the preview, or call " + spec.name()
                    + " without confirmation_token to preview these ones.");
        }
        Confirmations.Entry earlier = confirmations.find(c.id());
        if (earlier != null && earlier.state() == Confirmations.State.DONE) {
            WriteAudit.log("confirm", spec.name(), c.target(), c.bodyDigest(), c.id(), "replayed", null);
            ToolOutcome first = earlier.outcome();
            return new ToolOutcome(first.structured(), "This confirmation_token was already used; nothing was "
                    + "written again. Its outcome: " + first.text(), first.isError(), first.failure());
        }
        if (earlier == null && confirmations.expired(c)) {
            WriteAudit.log("confirm", spec.name(), c.target(), c.bodyDigest(), c.id(), "expired", null);
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, "This confirmation_token expired at "
                    + c.expiresAt() + ". Nothing was written. Call " + spec.name() + " without confirmation_token "
                    + "to preview the change again (the record may have changed) and confirm within "
                    + "the new token's time.");
        }
        boolean settling = earlier != null && earlier.state() == Confirmations.State.UNKNOWN;
        if (!confirmations.claim(c.id())) {
            return ToolOutcome.error("This confirmation is being executed by another call right now. Call "
                    + spec.name() + " again with the same token in a few seconds to get its outcome.");
        }
        ReentrantLock target = confirmations.targetLock(c.target());
        if (!lock(target)) {
            confirmations.release(c.id()); // nothing read or written: the token stays usable
            return ToolOutcome.error("Another confirmed change of " + c.target() + " is running right now; nothing "
                    + "was written. Call " + spec.name() + " again with the same token once it is done.");
        }
        try {
            WriteAudit.log("confirm", spec.name(), c.target(), c.bodyDigest(), c.id(),
                    settling ? "settling" : "accepted", null);
            WritePlan plan;
            try {
                plan = planner.plan(request);
            } catch (RuntimeException e) {
                confirmations.release(c.id()); // only reads so far: the token stays usable
                throw e;
            }
            ToolOutcome settled = settle(c, plan, settling);
            if (settled != null) {
                return finish(c, settled, settled.isError() ? "refused" : "found_again");
            }
            Optional<ToolOutcome> declined = askHuman(plan, progress);
            if (declined.isPresent()) {
                return finish(c, declined.get(), "declined");
            }
            return execute(c, plan);
        } finally {
            target.unlock();
        }
    }

    /** Waits its turn behind another confirmed change of the same record (it may be asking a human). */
    private static boolean lock(ReentrantLock target) {
        try {
            return target.tryLock(TARGET_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What the checks say before writing: the outcome of a first write found again (its answer was lost), or a
     * refusal because the record or the payload moved since the preview; null when the write may go ahead. Without a
     * recorded unknown outcome (another process, or a restart) a match is never assumed to be this token's write: it
     * is refused, naming the record, which never writes twice either.
     */
    private ToolOutcome settle(Confirmation c, WritePlan plan, boolean settling) {
        if (block.creates() && settling && block.unique().isEmpty()) {
            return ToolOutcome.error("The first call with this confirmation_token got no answer from Coupa, and a "
                    + block.entity() + " has no natural key to look it up by, so this token will not write again. "
                    + "Check with " + block.listTool() + " whether it was created before creating it anew.");
        }
        if (block.creates() && plan.duplicate() != null) {
            if (settling) {
                return written(plan.duplicate(), "It was created by the first call with this confirmation_token, "
                        + "whose answer was lost; nothing was written again.");
            }
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, plan.refusal() + " If you confirmed "
                    + "this change before and its answer was lost, this is probably the " + block.entity() + " it "
                    + "created.");
        }
        if (!block.creates() && !Objects.equals(plan.version(), c.version())) {
            String status = plan.current().path("status").asString();
            if (settling && status.equals(block.to())) {
                return written(plan.current(), "It was done by the first call with this confirmation_token, whose "
                        + "answer was lost; nothing was written again.");
            }
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, ProblemText.capitalized(block.entity()) + " "
                    + plan.id() + " changed since the preview (updated at " + plan.version() + ", previewed at "
                    + c.version() + "; status now " + status + "). Nothing was written: preview again with "
                    + spec.name() + " without confirmation_token and decide on the current record.");
        }
        if (plan.refusal() != null) {
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, plan.refusal());
        }
        if (!plan.bodyDigest().equals(c.bodyDigest()) || !plan.target().equals(c.target())) {
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, "The change no longer matches its "
                    + "preview (a name now points at another record). Nothing was written: preview again.");
        }
        return null;
    }

    /** Empty when the write may proceed; the declined outcome when the human said no. */
    private Optional<ToolOutcome> askHuman(WritePlan plan, ToolProgress progress) {
        boolean large = plan.amount() != null && plan.amount().compareTo(confirmations.askHumanAbove()) > 0;
        if (!block.askHuman() && !large) {
            return Optional.empty();
        }
        Optional<Boolean> answer = progress.askHuman("An AI agent asks to " + describe(plan) + " in Coupa. Allow it?");
        if (answer.isEmpty() || answer.get()) {
            return Optional.empty();
        }
        return Optional.of(ToolOutcome.error("The person at the client did not allow it (declined, or gave no "
                + "answer): nothing was written. Do not retry this change unless they ask for it."));
    }

    private ToolOutcome execute(Confirmation c, WritePlan plan) {
        ObjectNode record;
        try {
            record = block.creates()
                    ? context.client().create(block.resource(), plan.body(), block.fields())
                    : context.client().action(block.resource(), plan.id(), block.action(), plan.body(), block.fields());
        } catch (CoupaException e) {
            return failed(c, plan, e);
        } catch (RuntimeException e) {
            confirmations.unknown(c.id());
            WriteAudit.log("outcome", spec.name(), c.target(), c.bodyDigest(), c.id(), "unknown", e.getClass()
                    .getSimpleName());
            throw e;
        }
        return finish(c, written(record, null), "written");
    }

    private ToolOutcome failed(Confirmation c, WritePlan plan, CoupaException e) {
        if (outcomeUnknown(e)) {
            confirmations.unknown(c.id());
            WriteAudit.log("outcome", spec.name(), c.target(), c.bodyDigest(), c.id(), "unknown",
                    "status " + e.status());
            return ToolOutcome.error("Coupa did not confirm the write (" + e.getMessage() + "): it may or may not "
                    + "have happened. Call " + spec.name() + " again with the same arguments and confirmation_token: "
                    + "it first checks whether the first call took effect and never writes twice.");
        }
        if (e instanceof CoupaException.BadRequest || e instanceof CoupaException.NotFound) {
            String doing = (block.creates() ? "create the " : block.action().replace('_', ' ') + " the ")
                    + block.entity();
            return finish(c, ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS,
                    WriteRefusals.validation(spec.name(), doing, block, e)), "refused_by_coupa");
        }
        // never sent, or refused before any effect (scope, credentials, rate limit): the same token may be retried
        confirmations.release(c.id());
        WriteAudit.log("outcome", spec.name(), c.target(), c.bodyDigest(), c.id(), "failed", "status " + e.status());
        throw e;
    }

    /** No answer, a gateway or server error, a garbled body: Coupa may have written it. */
    private static boolean outcomeUnknown(CoupaException e) {
        if (e instanceof CoupaException.CircuitOpen || e instanceof CoupaException.Throttled) {
            return false;
        }
        return e instanceof CoupaException.Unavailable || e instanceof CoupaException.ServerError
                || e instanceof CoupaException.UnexpectedResponse;
    }

    private ToolOutcome finish(Confirmation c, ToolOutcome outcome, String what) {
        confirmations.done(c.id(), outcome);
        WriteAudit.log("outcome", spec.name(), c.target(), c.bodyDigest(), c.id(), what,
                outcome.isError() ? firstSentence(outcome.text()) : null);
        return outcome;
    }

    private ToolOutcome written(ObjectNode record, String note) {
        ObjectNode item = compactor.compact(record);
        ObjectNode structured = Json.object();
        structured.put("state", "written");
        structured.put("target", block.resource() + "/" + record.path("id").asLong());
        structured.set("item", item);
        List<String> untrusted = untrusted(structured, item);
        String line = TextRenderer.line(item, block.line(), block.freeText());
        String text = (block.creates() ? "Created " + block.entity() + " " + line + "."
                : ProblemText.capitalized(block.entity()) + " " + line + ": " + block.action().replace('_', ' ')
                        + " done.") + (note == null ? "" : " " + note) + untrustedNote(untrusted);
        if (note != null) {
            structured.putArray("notes").add(note);
        }
        return ToolOutcome.success(structured, text);
    }

    /** Names the record's free-text fields in the structured content; the paths, for the text. */
    private List<String> untrusted(ObjectNode structured, ObjectNode item) {
        List<String> paths = block.freeText().present("item", List.of(item));
        if (!paths.isEmpty()) {
            ArrayNode u = structured.putArray("untrusted");
            paths.forEach(u::add);
        }
        return paths;
    }

    private static String untrustedNote(List<String> paths) {
        return paths.isEmpty() ? "" : "\nNote: " + FreeText.note(paths);
    }

    @Override
    public Long subjectId(ObjectNode arguments) {
        return block.creates() ? null : ToolHandler.WithProgress.super.subjectId(arguments);
    }

    private static String firstSentence(String text) {
        int dot = text.indexOf(". ");
        return dot < 0 ? text : text.substring(0, dot);
    }
}
