package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.CursorCodec;
import io.github.coupamcp.shape.RecordCompactor;
import io.github.coupamcp.shape.TextRenderer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every write tool, in two calls. Without {@code confirmation_token} it checks the change against Coupa (the record's
 * status, a duplicate, the names it refers to), writes nothing, and returns the exact payload with a token bound to
 * it. With the token it checks again that nothing moved (same payload, same target, same {@code updated-at}), asks
 * the human where the client can and the write is high-impact, writes once, and records the outcome under the
 * token: a replay gets that outcome, and a write whose answer was lost is found again before anything is re-sent.
 */
final class WriteToolHandler implements ToolHandler {
    private final ToolSpec spec;
    private final WriteBlock block;
    private final ToolContext context;
    private final Confirmations confirmations;
    private final RecordCompactor compactor;

    WriteToolHandler(ToolSpec spec, WriteBlock block, ToolContext context) {
        this.spec = spec;
        this.block = block;
        this.context = context;
        this.confirmations = context.confirmations();
        this.compactor = new RecordCompactor(block.compaction());
    }

    /** What a call would write: the target, its version, the exact payload; or why it may not. */
    private record Plan(String target, Long id, String version, ObjectNode body, ObjectNode current,
            ObjectNode duplicate, String refusal, BigDecimal amount, String currency) {
        String bodyDigest() {
            return CursorCodec.digest(body);
        }
    }

    @Override
    public ToolOutcome handle(ObjectNode arguments) {
        return handle(arguments, ToolProgress.NONE);
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
        Plan plan = plan(request);
        if (plan.refusal() != null) {
            WriteAudit.log("preview", spec.name(), plan.target(), null, null, "refused", plan.refusal());
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, plan.refusal());
        }
        String token = confirmations.issue(spec.name(), argumentsDigest, plan.bodyDigest(), plan.target(),
                plan.version());
        Confirmation issued = confirmations.open(spec.name(), token);
        Instant expires = issued.expiresAt();
        WriteAudit.log("preview", spec.name(), plan.target(), plan.bodyDigest(), issued.id(), "previewed", null);
        ObjectNode structured = Json.object();
        structured.put("state", "preview");
        structured.put("target", plan.target());
        if (plan.current() != null) {
            structured.set("item", compactor.compact(plan.current()));
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
                + " again with the same arguments plus confirmation_token (single use, valid until " + expires
                + ")." + (plan.body().isEmpty() ? "" : " The payload in the structured content is exactly what will be sent.");
        if (!context.budget().fits(structured, text)) {
            // a long document: the payload is built from the arguments alone, so the token still pins it exactly
            structured.remove("payload");
            structured.putArray("notes").add("payload left out to fit the response budget: it is your arguments "
                    + "as Coupa fields, and the token pins it exactly");
            text = text.replace(" The payload in the structured content is exactly what will be sent.", "");
        }
        return ToolOutcome.success(structured, text);
    }

    private String describe(Plan plan) {
        if (block.creates()) {
            return "create " + block.entity() + " " + plan.target().substring(block.resource().length())
                    + (plan.amount() == null ? "" : " totalling " + plan.amount().toPlainString() + " "
                    + plan.currency());
        }
        ObjectNode item = compactor.compact(plan.current());
        return block.action().replace('_', ' ') + " " + block.entity() + " " + TextRenderer.line(item, block.line())
                + " (status " + plan.current().path("status").asString() + " → " + block.to() + ")";
    }

    /** Reads what the change depends on; refuses what Coupa would refuse or what is certainly a mistake. */
    private Plan plan(ObjectNode request) {
        for (List<String> group : block.exactlyOne()) {
            long given = group.stream().filter(request::has).count();
            if (given != 1) {
                throw new InvalidArgumentsException((given == 0 ? "give one of " : "give only one of ")
                        + String.join(", ", group));
            }
        }
        ObjectNode effective = request.deepCopy();
        for (Map.Entry<String, WriteBlock.Resolver> e : block.resolve().entrySet()) {
            if (effective.has(e.getKey())) {
                String refusal = resolve(effective, e.getKey(), e.getValue());
                if (refusal != null) {
                    return new Plan(block.resource(), null, null, Json.object(), null, null, refusal, null, null);
                }
            }
        }
        return block.creates() ? planCreate(effective) : planAction(effective);
    }

    private String resolve(ObjectNode arguments, String argument, WriteBlock.Resolver r) {
        String value = arguments.get(argument).asString();
        CoupaQuery query = CoupaQuery.builder().eq(r.attribute(), value).orderBy("id", CoupaQuery.Direction.ASC)
                .fields(Fields.parse("[\"id\"]")).limit(2).build();
        List<ObjectNode> found = context.client().list(r.resource(), query);
        if (found.size() != 1) {
            return (found.isEmpty() ? "No " + r.entity() + " is named exactly '" + value + "'"
                    : "Several " + r.entity() + " records are named '" + value + "'") + ": use " + r.listTool()
                    + " to find the right one and pass its id as " + r.into() + ". Nothing was written.";
        }
        arguments.remove(argument);
        arguments.put(r.into(), found.get(0).get("id").asLong());
        return null;
    }

    private Plan planCreate(ObjectNode arguments) {
        ObjectNode body = block.body().build(arguments);
        List<String> key = new ArrayList<>();
        CoupaQuery.Builder query = CoupaQuery.builder();
        block.unique().forEach((argument, attribute) -> {
            if (arguments.has(argument)) {
                query.eq(attribute, arguments.get(argument).asString());
                key.add(attribute + "=" + arguments.get(argument).asString());
            }
        });
        String target = block.resource() + (key.isEmpty() ? "" : "[" + String.join(",", key) + "]");
        ObjectNode duplicate = null;
        String refusal = null;
        if (!key.isEmpty()) {
            List<ObjectNode> found = context.client().list(block.resource(),
                    query.orderBy("id", CoupaQuery.Direction.ASC).fields(block.fields()).limit(1).build());
            if (!found.isEmpty()) {
                duplicate = found.get(0);
                refusal = "A " + block.entity() + " with " + String.join(" and ", block.unique().keySet().stream()
                        .filter(arguments::has).toList()) + " already exists: "
                        + TextRenderer.line(compactor.compact(duplicate), block.line()) + " (id "
                        + duplicate.path("id").asLong() + "). Nothing was written; use a different "
                        + block.unique().keySet().iterator().next() + " if this is really another " + block.entity()
                        + ".";
            }
        }
        BigDecimal amount = amount(arguments);
        return new Plan(target, null, null, body, null, duplicate, refusal, amount,
                block.amount() == null ? null : arguments.path(block.amount().currency()).asString());
    }

    private BigDecimal amount(ObjectNode arguments) {
        WriteBlock.Amount a = block.amount();
        if (a == null || !arguments.has(a.lines())) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : arguments.get(a.lines())) {
            BigDecimal quantity = line.has(a.quantity()) ? line.get(a.quantity()).decimalValue() : BigDecimal.ONE;
            total = total.add(quantity.multiply(line.path(a.price()).decimalValue()));
        }
        return total.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private Plan planAction(ObjectNode arguments) {
        long id = arguments.get("id").asLong();
        ObjectNode current = context.client().get(block.resource(), id, block.fields());
        String status = current.path("status").asString();
        String target = block.resource() + "/" + id;
        ObjectNode body = block.body().build(arguments);
        String version = current.path("updated-at").asString(null);
        String refusal = null;
        if (!block.from().contains(status)) {
            refusal = capitalized(block.entity()) + " " + id + " is " + status + ": " + spec.name() + " needs status "
                    + String.join(" or ", block.from()) + ". Nothing was written; check it with get_" + block.entity()
                    + ".";
        }
        return new Plan(target, id, version, body, current, null, refusal, null, null);
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
        WriteAudit.log("confirm", spec.name(), c.target(), c.bodyDigest(), c.id(), settling ? "settling" : "accepted",
                null);
        Plan plan;
        try {
            plan = plan(request);
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
    }

    /**
     * What the checks say before writing: the outcome of a first write found again (its answer was lost), or a
     * refusal because the record or the payload moved since the preview; null when the write may go ahead. Without a
     * recorded unknown outcome (another process, or a restart) a match is never assumed to be this token's write: it
     * is refused, naming the record, which never writes twice either.
     */
    private ToolOutcome settle(Confirmation c, Plan plan, boolean settling) {
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
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, capitalized(block.entity()) + " "
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
    private Optional<ToolOutcome> askHuman(Plan plan, ToolProgress progress) {
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

    private ToolOutcome execute(Confirmation c, Plan plan) {
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

    private ToolOutcome failed(Confirmation c, Plan plan, CoupaException e) {
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
        String verb = block.creates() ? "Created" : "Done: " + block.action().replace('_', ' ') + " on";
        String text = verb + " " + block.entity() + " " + TextRenderer.line(item, block.line()) + " (id "
                + record.path("id").asLong() + ")." + (note == null ? "" : " " + note);
        if (note != null) {
            structured.putArray("notes").add(note);
        }
        return ToolOutcome.success(structured, text);
    }

    @Override
    public Long subjectId(ObjectNode arguments) {
        return block.creates() ? null : ToolHandler.super.subjectId(arguments);
    }

    private static String firstSentence(String text) {
        int dot = text.indexOf(". ");
        return dot < 0 ? text : text.substring(0, dot);
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
