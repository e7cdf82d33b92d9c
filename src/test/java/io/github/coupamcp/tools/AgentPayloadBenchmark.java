package io.github.coupamcp.tools;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.sandbox.data.SandboxData;
import io.github.coupamcp.sandbox.data.Scale;
import io.github.coupamcp.shape.ResponseBudget;
import java.util.Iterator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Benchmark (a): characters an agent receives for a 50-invoice page (structured content plus text, in the MCP
 * CallToolResult envelope) against Coupa's raw default JSON for the same 50 records. Target: at most 10%.
 * Run with {@code mvn -B -o -Pbench test -Dtest=AgentPayloadBenchmark}. Prints; asserts nothing about size or time.
 */
@Tag("benchmark")
class AgentPayloadBenchmark {
    private static final int PAGE = 50;

    @Test
    void fiftyInvoicePageVersusRawCoupaJson() {
        SandboxCollection invoices = SandboxData.generate(42L, Scale.SMALL).collection("invoices");
        ArrayNode raw = Json.array();
        Iterator<Long> ids = invoices.ids().iterator();
        while (raw.size() < PAGE && ids.hasNext()) {
            raw.add(invoices.render(ids.next()));
        }
        int rawChars = raw.toString().length();

        // budget large enough for the whole page, to compare like with like
        ToolHarness unbounded = harness(raw, 1_000_000);
        ToolOutcome page = unbounded.call("list_invoices", "{\"limit\": 50}");
        int pageChars = mcpResultChars(page);

        ToolHarness defaults = harness(raw, ToolSettings.DEFAULT_RESPONSE_BUDGET_CHARS);
        ToolOutcome bounded = defaults.call("list_invoices", "{\"limit\": 50}");

        System.out.printf("%n[benchmark a] 50-invoice page, sandbox seed 42, scale SMALL%n");
        System.out.printf("  raw Coupa default JSON (%d records):          %,9d chars%n", raw.size(), rawChars);
        System.out.printf("  agent payload, structured + text (%d items):  %,9d chars  = %.2f%% of raw%n",
                page.structured().get("items").size(), pageChars, 100.0 * pageChars / rawChars);
        System.out.printf("    structuredContent %,d chars, text %,d chars%n", page.structured().toString().length(),
                page.text().length());
        System.out.printf("  per record: raw %,d chars, compact item %,d chars%n", rawChars / raw.size(),
                page.structured().get("items").toString().length() / page.structured().get("items").size());
        System.out.printf("  with the default budget (%d chars): %d items per page, %,d chars sent, has_more=%s%n",
                ToolSettings.DEFAULT_RESPONSE_BUDGET_CHARS, bounded.structured().get("items").size(),
                mcpResultChars(bounded), bounded.structured().at("/summary/has_more").asBoolean());
    }

    private static ToolHarness harness(ArrayNode raw, int budget) {
        ToolHarness h = new ToolHarness(budget);
        raw.forEach(r -> h.coupa.add("invoices", (ObjectNode) r));
        return h;
    }

    /** The CallToolResult as MCP serializes it: one text content plus the structured content. */
    static int mcpResultChars(ToolOutcome out) {
        ObjectNode result = Json.object();
        result.putArray("content").addObject().put("type", "text").put("text", out.text());
        result.set("structuredContent", out.structured());
        result.put("isError", out.isError());
        int chars = result.toString().length();
        assert chars <= ResponseBudget.measure(out.structured(), out.text());
        return chars;
    }
}
