package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CancellableCallsTest {
    private final CancellableCalls calls = new CancellableCalls();
    private final JsonRpcGuard guard = new JsonRpcGuard(List.of("scan"));

    private JsonRpcGuard.Accepted accepted(String json) {
        return (JsonRpcGuard.Accepted) guard.check(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String call(String id, String meta) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"scan\""
                + (meta == null ? "" : ",\"_meta\":" + meta) + "}}";
    }

    private static String cancel(String id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":" + id + "}}";
    }

    /** The _meta the handler receives for a tagged call, as the SDK would hand it over. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(String tagged) {
        JsonNode meta = Json.MAPPER.readTree(tagged).path("params").path("_meta");
        return Json.MAPPER.convertValue(meta, Map.class);
    }

    /** Runs the body on its own thread until it is interrupted (or 10 s); the answer says which. */
    private CompletableFuture<String> running(Map<String, Object> meta, CountDownLatch started) {
        return CompletableFuture.supplyAsync(() -> calls.run(meta, () -> {
            started.countDown();
            try {
                Thread.sleep(10_000);
                return "finished";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }, () -> "cancelled"));
    }

    @Test
    void aCallIsTaggedWithItsKeyReplacingAnyTheClientSent() {
        String tagged = calls.inspect("s1", accepted(call("5", "{\"progressToken\":\"p\",\""
                + CancellableCalls.META_KEY + "\":\"s2\\n5\"}")));

        Map<String, Object> meta = meta(tagged);
        assertThat(meta).containsEntry("progressToken", "p").containsEntry(CancellableCalls.META_KEY, "s1\n5");
        assertThat(calls.tracked()).isOne();
    }

    @Test
    void aCancellationStopsTheRunningCallOfItsOwnSessionOnly() throws Exception {
        Map<String, Object> meta = meta(calls.inspect("s1", accepted(call("\"a\"", null))));
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> answer = running(meta, started);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(calls.inspect("s2", accepted(cancel("\"a\"")))).isNull(); // another session's: swallowed, no effect
        assertThat(calls.inspect("s1", accepted(cancel("1")))).isNull(); // another id (a number, not "a")
        Thread.sleep(100); // nothing may reach the call: it must still be running after a while
        assertThat(answer).isNotDone();

        assertThat(calls.inspect("s1", accepted(cancel("\"a\"")))).isNull();
        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("cancelled");
        assertThat(calls.tracked()).isZero();
        calls.inspect("s1", accepted(cancel("\"a\""))); // finished: harmless
        assertThat(calls.tracked()).isZero();
    }

    @Test
    void aCallCancelledBeforeItStartsDoesNotRun() {
        Map<String, Object> meta = meta(calls.inspect("s1", accepted(call("3", null))));
        calls.inspect("s1", accepted(cancel("3")));
        AtomicBoolean ran = new AtomicBoolean();

        assertThat(calls.run(meta, () -> {
            ran.set(true);
            return "ran";
        }, () -> "cancelled")).isEqualTo("cancelled");
        assertThat(ran).isFalse();
    }

    @Test
    void theThreadDoesNotKeepTheInterruptAfterACancelledCall() throws Exception {
        Map<String, Object> meta = meta(calls.inspect("s1", accepted(call("4", null))));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interruptedAfter = new AtomicBoolean(true);
        Thread thread = new Thread(() -> {
            calls.run(meta, () -> {
                started.countDown();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Thread.currentThread().isInterrupted() && System.nanoTime() < until) {
                    Thread.onSpinWait(); // a body that notices the interrupt but leaves the flag set
                }
                return "done";
            }, () -> "cancelled");
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        thread.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        calls.inspect("s1", accepted(cancel("4")));
        thread.join(5_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(interruptedAfter).isFalse();
    }

    @Test
    void callsWithoutAKeyOrUnknownToTheFiltersRunAsIs() {
        assertThat(calls.run(null, () -> "plain", () -> "cancelled")).isEqualTo("plain");
        assertThat(calls.run(Map.of(CancellableCalls.META_KEY, "s9\n1"), () -> "plain", () -> "cancelled"))
                .isEqualTo("plain");
        // other messages pass unchanged, and malformed cancellations are swallowed without effect
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        assertThat(calls.inspect("s1", accepted(ping))).isEqualTo(accepted(ping).json());
        assertThat(calls.inspect("s1", accepted("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\"}")))
                .isNull();
    }

    @Test
    void announcedCallsThatNeverStartAreForgottenBeyondABound() {
        for (int i = 0; i < CancellableCalls.MAX_WAITING + 50; i++) {
            calls.inspect("s1", accepted(call(Integer.toString(i), null)));
        }
        assertThat(calls.tracked()).isEqualTo(CancellableCalls.MAX_WAITING);
    }
}
