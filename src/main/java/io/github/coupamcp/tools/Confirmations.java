package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.CursorCodec;
import io.github.coupamcp.shape.TokenSigner;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.node.ObjectNode;

/**
 * Confirmation tokens of write tools and the outcomes of the writes they confirmed. Tokens are signed like cursors
 * (same configured key, a key derived for this purpose, so neither passes as the other), so any replica can check
 * one; the outcomes live in this process, keyed by token id, so a replayed token gets the first answer and never
 * writes twice. Outcomes are kept well past the tokens' expiry, then dropped.
 */
public final class Confirmations {
    private static final Base64.Encoder ID = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Outcomes outlive their tokens by this much: a replay an hour later still gets the first answer. */
    private static final Duration KEEP_OUTCOMES = Duration.ofHours(1);

    /** Where a confirmed write stands. */
    enum State {
        /** A call is executing it now. */
        RUNNING,
        /** Coupa may or may not have written it (no answer, or a 5xx): the next call must find out first. */
        UNKNOWN,
        /** Finished; {@link Entry#outcome} is the answer every replay gets. */
        DONE
    }

    record Entry(State state, ToolOutcome outcome, Instant keepUntil) {}

    private final TokenSigner signer;
    private final Duration ttl;
    private final Clock clock;
    private final BigDecimal askHumanAbove;
    private final Map<String, Entry> outcomes = new ConcurrentHashMap<>();
    /**
     * One confirmed change of a record at a time, whichever token or tool confirms it: two previews of one record
     * give two valid tokens, and confirmed together both would pass their checks before either wrote. Striped: an
     * unrelated record sharing a stripe only waits its turn.
     */
    private final ReentrantLock[] targetLocks = new ReentrantLock[64];
    /** Names this process in the tokens only it may accept (see {@link #issue}). */
    private final String process = randomId();

    public Confirmations(CursorCodec cursors, Duration ttl, Clock clock, BigDecimal askHumanAbove) {
        this.signer = cursors.derivedSigner("coupa-mcp write confirmation v1");
        this.ttl = ttl;
        this.clock = clock;
        this.askHumanAbove = askHumanAbove;
        for (int i = 0; i < targetLocks.length; i++) {
            targetLocks[i] = new ReentrantLock();
        }
    }

    /** The lock that confirmed changes of {@code target} (a record, or a new record's natural key) run under. */
    ReentrantLock targetLock(String target) {
        return targetLocks[Math.floorMod(target.hashCode(), targetLocks.length)];
    }

    static Confirmations withDefaults(CursorCodec cursors) {
        return new Confirmations(cursors, ToolSettings.DEFAULT_CONFIRMATION_TTL, cursors.clock(),
                ToolSettings.DEFAULT_ASK_HUMAN_ABOVE);
    }

    BigDecimal askHumanAbove() {
        return askHumanAbove;
    }

    Clock clock() {
        return clock;
    }

    /**
     * A new token for this preview. A {@code processLocal} token is accepted only by this process: for a write with
     * nothing to find it by after a restart (no natural key), the outcome store of this process is the only guard
     * against writing twice.
     */
    String issue(String tool, String argumentsDigest, String bodyDigest, String target, String version,
            boolean processLocal) {
        Instant now = clock.instant();
        ObjectNode payload = Json.object();
        payload.put("c", randomId());
        if (processLocal) {
            payload.put("p", process);
        }
        payload.put("t", tool);
        payload.put("a", argumentsDigest);
        payload.put("b", bodyDigest);
        payload.put("g", target);
        if (version != null) {
            payload.put("v", version);
        }
        payload.put("i", now.getEpochSecond());
        payload.put("e", now.plus(ttl).getEpochSecond());
        return signer.sign(payload);
    }

    /**
     * Opens a token for {@code tool}: it must be signed by this server's key and issued for this tool. Expiry is
     * checked by the caller, after looking for an earlier outcome (a replay gets its answer even once expired).
     */
    Confirmation open(String tool, String token) {
        Confirmation c = read(token);
        if (c.process() != null && !c.process().equals(process)) {
            throw new ConfirmationException("This confirmation_token was issued by another server process (it "
                    + "restarted, or another replica answered), and this change has no natural key to check whether "
                    + "it was already made, so only that process may confirm it. Nothing was written. Check with "
                    + "the list tool whether it was made, then call " + tool + " without confirmation_token to "
                    + "preview it again.");
        }
        if (!c.tool().equals(tool)) {
            throw new ConfirmationException("This confirmation_token was issued by " + c.tool() + ", not " + tool
                    + ": call " + tool + " without confirmation_token to preview this change and get its own token.");
        }
        return c;
    }

    boolean expired(Confirmation c) {
        return !clock.instant().isBefore(c.expiresAt());
    }

    private Confirmation read(String token) {
        ObjectNode p = signer.verify(token);
        if (p == null || !p.path("c").isString() || !p.path("t").isString() || !p.path("a").isString()
                || !p.path("b").isString() || !p.path("g").isString() || !p.path("e").isNumber()) {
            throw new ConfirmationException("The confirmation_token is not valid: it was altered, truncated or "
                    + "issued by another server configuration. Nothing was written. Call the tool without "
                    + "confirmation_token to preview the change again and get a new token.");
        }
        return new Confirmation(p.get("c").asString(), p.get("t").asString(), p.get("a").asString(),
                p.get("b").asString(), p.get("g").asString(), p.has("v") ? p.get("v").asString() : null,
                Instant.ofEpochSecond(p.path("i").asLong()), Instant.ofEpochSecond(p.get("e").asLong()),
                p.has("p") ? p.get("p").asString() : null);
    }

    /** The outcome recorded for a token id, if any. */
    Entry find(String id) {
        purge();
        return outcomes.get(id);
    }

    /**
     * Marks a token as executing: true when this call may go on (nothing recorded, or an unknown outcome it must
     * now settle), false when another call holds it or it is done.
     */
    boolean claim(String id) {
        Entry running = new Entry(State.RUNNING, null, keepUntil());
        Entry previous = outcomes.putIfAbsent(id, running);
        if (previous == null) {
            return true;
        }
        return previous.state() == State.UNKNOWN && outcomes.replace(id, previous, running);
    }

    void done(String id, ToolOutcome outcome) {
        outcomes.put(id, new Entry(State.DONE, outcome, keepUntil()));
    }

    void unknown(String id) {
        outcomes.put(id, new Entry(State.UNKNOWN, null, keepUntil()));
    }

    /** Nothing was written and trying again may work (scope granted later, rate limit passed): the token stays usable. */
    void release(String id) {
        outcomes.remove(id);
    }

    private static String randomId() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return ID.encodeToString(id);
    }

    private Instant keepUntil() {
        return clock.instant().plus(ttl).plus(KEEP_OUTCOMES);
    }

    private void purge() {
        Instant now = clock.instant();
        outcomes.values().removeIf(e -> e.state() != State.RUNNING && now.isAfter(e.keepUntil()));
    }
}
