package io.github.coupamcp.tools;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What three_way_match_exceptions costs on the medium sandbox (4,000 purchase orders, 10,000 invoices): upstream
 * requests against ceil(orders / 50), the fewest an order scan could take, for selections of growing size. Prints
 * figures; asserts nothing about time.
 */
@Tag("benchmark")
class ThreeWayMatchBenchmark {
    @Test
    void requestsPerSelectionOnTheMediumSandbox() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.builder().scale(Scale.MEDIUM)
                .tokenPropagationDelay(Duration.ZERO).rateLimitEnabled(false).build())) {
            ToolRegistry registry = ToolRegistry.load(ToolSettings.defaults());
            try (CoupaClient client = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                    .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
                    .scopes(registry.requiredScopes()).tokenPropagationDelay(Duration.ZERO).build())) {
                ToolCatalog catalog = registry.catalog(client);
                for (String question : List.of("{\"po_number\": \"4012\"}", "{\"supplier_id\": 12}",
                        "{\"created_from\": \"2026-06-01\"}", "{\"created_from\": \"2026-01-01\"}",
                        "{\"created_from\": \"2025-07-01\"}", "{\"created_from\": \"2000-01-01\"}")) {
                    long start = System.nanoTime();
                    ToolOutcome out = catalog.call("three_way_match_exceptions",
                            (ObjectNode) Json.MAPPER.readTree(question));
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    if (out.isError()) {
                        System.out.printf("%-40s refused: %s%n", question, out.text());
                        continue;
                    }
                    JsonNode s = out.structured();
                    long orders = s.at("/compared/purchase_orders").asLong();
                    long requests = s.at("/scan/upstream_requests").asLong();
                    System.out.printf("%-40s %5d POs %5d invoices %5d requests (ceil(POs/50) = %d, ratio %.2f) "
                            + "exceptions %d/%d/%d %d ms, answer %d chars%n", question, orders,
                            s.at("/compared/invoices").asLong(), requests, (orders + 49) / 50,
                            requests / (double) Math.max(1, (orders + 49) / 50),
                            s.at("/exceptions/over_billed/count").asLong(),
                            s.at("/exceptions/billed_not_received/count").asLong(),
                            s.at("/exceptions/price_variance/count").asLong(), ms,
                            out.text().length() + s.toString().length());
                }
            }
        }
    }
}
