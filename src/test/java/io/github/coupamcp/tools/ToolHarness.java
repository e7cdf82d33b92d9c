package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.MutableClock;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** A catalog over the shipped tool files and a fake Coupa, with a fixed cursor key and a hand-moved clock. */
final class ToolHarness {
    static final String KEY = "test-cursor-key-0123456789";

    final FakeCoupaClient coupa = new FakeCoupaClient();
    final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
    final ToolCatalog catalog;
    private final ToolSettings settings;

    /** Settings publishing every toolset, not only the core ones: for tests that cover each tool. */
    static ToolSettings allToolsets() {
        return ToolSettings.builder().enabledToolsets(java.util.Set.of(Toolsets.ALL)).build();
    }

    /** Every tool: all toolsets, writes enabled. */
    static ToolSettings allTools() {
        return ToolSettings.builder().enabledToolsets(java.util.Set.of(Toolsets.ALL)).writesEnabled(true).build();
    }

    ToolHarness() {
        this(ToolSettings.DEFAULT_RESPONSE_BUDGET_CHARS);
    }

    ToolHarness(int budget) {
        this.settings = ToolSettings.builder().cursorKey(KEY).clock(clock).responseBudgetChars(budget).build();
        this.catalog = ToolRegistry.load(settings).catalog(coupa);
    }

    /** Another server replica over the same Coupa and cursor key: it continues cursors, without this one's read-ahead. */
    ToolCatalog replica() {
        return ToolRegistry.load(settings).catalog(coupa);
    }

    ToolOutcome call(String tool, String argumentsJson) {
        return catalog.call(tool, (ObjectNode) Json.MAPPER.readTree(argumentsJson));
    }
}
