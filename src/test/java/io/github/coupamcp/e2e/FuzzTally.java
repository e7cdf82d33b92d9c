package io.github.coupamcp.e2e;

import io.github.coupamcp.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Counts what the fuzz got back and keeps the first few offending exchanges of each kind for the report. */
final class FuzzTally {
    /** Java internals that must never reach a client. */
    static final Pattern JAVA_NAMES = Pattern.compile("\\bjava\\.|\\bjavax\\.|tools\\.jackson|com\\.fasterxml"
            + "|io\\.github|io\\.modelcontextprotocol|org\\.eclipse|Exception|McpSchema");
    private static final int KEPT = 8;

    private final String transport;
    private final int budget;
    private int requests;
    private int answered;
    private int results;
    private int errorResults;
    private final Map<String, Integer> errorsByCode = new TreeMap<>();
    private final Map<String, List<String>> failures = new TreeMap<>();
    private final Map<String, Integer> failureCounts = new TreeMap<>();

    FuzzTally(String transport, int budget) {
        this.transport = transport;
        this.budget = budget;
    }

    /** {@code answer}: the JSON-RPC message received for the call, or null when none came. */
    synchronized void record(HostileCalls.Call call, int id, JsonNode answer, String raw) {
        requests++;
        if (answer == null || (!answer.has("result") && !answer.has("error"))
                || (answer.path("id").isIntegralNumber() && answer.path("id").asInt() != id)) {
            fail("unanswered", call, raw);
            return;
        }
        answered++;
        String text = answer.toString();
        if (JAVA_NAMES.matcher(text).find()) {
            fail("java names", call, text);
        }
        if (answer.has("error")) {
            int code = answer.path("error").path("code").asInt();
            errorsByCode.merge(String.valueOf(code), 1, Integer::sum);
            if (code == -32603) {
                fail("internal error", call, text);
            }
            return;
        }
        results++;
        JsonNode result = answer.path("result");
        if (result.path("isError").asBoolean()) {
            errorResults++;
        }
        StringBuilder texts = new StringBuilder();
        for (JsonNode content : result.path("content")) {
            texts.append(content.path("text").asString(""));
        }
        if (texts.indexOf("Internal error") >= 0) {
            fail("internal error", call, text);
        }
        // as ResponseBudget measures a result: structured content + JSON-escaped text + the envelope
        int cost = 80 + (result.has("structuredContent") ? result.path("structuredContent").toString().length() : 0)
                + Json.MAPPER.writeValueAsString(texts.toString()).length();
        if (cost > budget) {
            fail("over budget (" + cost + " chars)", call, text);
        }
    }

    private void fail(String what, HostileCalls.Call call, String answer) {
        String kind = what.startsWith("over budget") ? "over budget" : what;
        failureCounts.merge(kind, 1, Integer::sum);
        List<String> kept = failures.computeIfAbsent(kind, k -> new ArrayList<>());
        if (kept.size() < KEPT) {
            kept.add(what + " | " + call.kind() + " | " + call.tool() + " | request: " + cut(call.message(), 400)
                    + "\n      answer: " + cut(String.valueOf(answer), 600));
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }

    synchronized int failures(String kind) {
        return failureCounts.getOrDefault(kind, 0);
    }

    synchronized int requests() {
        return requests;
    }

    synchronized int answered() {
        return answered;
    }

    synchronized String report(long millis) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("FUZZ %s: %d requests in %d ms, %d answered (%d results, %d of them isError), "
                + "JSON-RPC errors by code %s; failures %s%n", transport, requests, millis, answered, results,
                errorResults, errorsByCode, failureCounts));
        failures.forEach((kind, list) -> list.forEach(line -> out.append("  ").append(line).append('\n')));
        return out.toString();
    }
}
