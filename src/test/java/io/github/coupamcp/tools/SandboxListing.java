package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.SandboxCollection;
import io.github.coupamcp.testing.PageBound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every tool (all toolsets, writes enabled) against an in-process sandbox, with the two sides of a filter check: the ids a listing
 * returns, paged to the end, and the ids a brute-force pass over the sandbox's own records selects.
 */
final class SandboxListing implements AutoCloseable {
    final Sandbox sandbox;
    private final CoupaClient client;
    final ToolCatalog catalog;

    SandboxListing() {
        sandbox = Sandbox.start(SandboxOptions.builder().tokenPropagationDelay(Duration.ZERO)
                .rateLimitEnabled(false).build());
        ToolRegistry registry = ToolRegistry.load(ToolSettings.builder().enabledToolsets(Set.of("all"))
                .writesEnabled(true).build());
        client = HttpCoupaClient.create(CoupaConfig.builder().instanceUrl(sandbox.baseUrl())
                .clientId(sandbox.clientId()).clientSecret(sandbox.clientSecret())
                .scopes(registry.requiredScopes()).tokenPropagationDelay(Duration.ZERO).build());
        catalog = registry.catalog(client);
    }

    /** Every record of a resource as the sandbox renders it (Coupa's dashed keys). */
    List<ObjectNode> records(String resource) {
        SandboxCollection collection = sandbox.store().collection(resource);
        List<ObjectNode> all = new ArrayList<>();
        collection.ids().forEach(id -> all.add(collection.render(id)));
        return all;
    }

    List<Long> expected(String resource, Predicate<ObjectNode> filter) {
        return records(resource).stream().filter(filter).map(r -> r.get("id").asLong()).sorted().toList();
    }

    /** Ids of every record the list tool returns for these arguments, in listing order, paged to the end. */
    List<Long> listed(String tool, String resource, String arguments) {
        ObjectNode args = (ObjectNode) Json.MAPPER.readTree(arguments);
        args.put("limit", 50);
        List<Long> ids = new ArrayList<>();
        PageBound bound = PageBound.forRecords(tool + " " + arguments, sandbox.store().collection(resource).size(), 1);
        while (true) {
            bound.count();
            ToolOutcome page = catalog.call(tool, args);
            assertThat(page.isError()).as(page.text()).isFalse();
            page.structured().get("items").forEach(i -> ids.add(i.get("id").asLong()));
            if (!page.structured().has("next_cursor")) {
                return ids;
            }
            args = Json.object().put("cursor", page.structured().get("next_cursor").asString()).put("limit", 50);
        }
    }

    /** Another catalog over the same sandbox and client, with these settings (e.g. a small scan budget). */
    ToolCatalog catalog(ToolSettings.Builder settings) {
        return ToolRegistry.load(settings.enabledToolsets(Set.of("all")).build()).catalog(client);
    }

    /** The HTTP client the catalog calls Coupa with (for a catalog of other settings on the same sandbox). */
    CoupaClient client() {
        return client;    }

    ToolOutcome call(String tool, String arguments) {
        return catalog.call(tool, (ObjectNode) Json.MAPPER.readTree(arguments));
    }

    @Override
    public void close() {
        client.close();
        sandbox.close();
    }
}
