package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** list_contracts and get_contract against the sandbox, checked against a brute-force pass over its contracts. */
class ContractFiltersOnSandboxTest {
    private static SandboxListing sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** "Which contracts expire in the next 60 days?": published, end date in [today, today + 60], soonest first. */
    @Test
    void contractsExpiringWithinSixtyDays() {
        List<String> ends = sandbox.records("contracts").stream()
                .filter(c -> c.path("status").asString().equals("published"))
                .map(c -> day(c)).sorted().toList();
        LocalDate today = LocalDate.parse(ends.get(ends.size() / 3));
        LocalDate horizon = today.plusDays(60);
        List<ObjectNode> expected = sandbox.records("contracts").stream()
                .filter(c -> c.path("status").asString().equals("published"))
                .filter(c -> !LocalDate.parse(day(c)).isBefore(today) && !LocalDate.parse(day(c)).isAfter(horizon))
                .sorted(java.util.Comparator.comparing((ObjectNode c) -> day(c))
                        .thenComparing(c -> c.get("id").asLong()))
                .toList();
        assertThat(expected).isNotEmpty();
        assertThat(sandbox.listed("list_contracts", "contracts", "{\"status\": [\"published\"], \"end_date_from\": \""
                + today + "\", \"end_date_to\": \"" + horizon + "\", \"order_by\": \"end_date\"}"))
                .containsExactlyElementsOf(expected.stream().map(c -> c.get("id").asLong()).toList());
    }

    @Test
    void supplierIdAndStatusCombine() {
        ObjectNode first = sandbox.records("contracts").get(0);
        long supplier = first.path("supplier").path("id").asLong();
        List<Long> expected = sandbox.expected("contracts", c -> c.path("supplier").path("id").asLong() == supplier
                && List.of("published", "expired").contains(c.path("status").asString()));
        assertThat(sandbox.listed("list_contracts", "contracts",
                "{\"supplier_id\": " + supplier + ", \"status\": [\"published\", \"expired\"]}"))
                .containsExactlyElementsOf(expected);
        assertThat(sandbox.listed("list_contracts", "contracts", "{\"supplier_id\": " + supplier + "}"))
                .isNotEmpty()
                .containsExactlyElementsOf(sandbox.expected("contracts",
                        c -> c.path("supplier").path("id").asLong() == supplier));
    }

    @Test
    void getContractByNumberAndByName() {
        List<ObjectNode> all = sandbox.records("contracts");
        ObjectNode c = all.stream().filter(x -> all.stream()
                .filter(y -> y.get("name").asString().equals(x.get("name").asString())).count() == 1)
                .findFirst().orElseThrow();
        ToolOutcome byNumber = sandbox.call("get_contract", "{\"number\": \"" + c.get("number").asString() + "\"}");
        assertThat(byNumber.isError()).as(byNumber.text()).isFalse();
        assertThat(byNumber.structured().path("item").path("id").asLong()).isEqualTo(c.get("id").asLong());
        assertThat(byNumber.structured().path("item").path("supplier").path("name").asString())
                .isEqualTo(c.path("supplier").path("name").asString());
        ToolOutcome byName = sandbox.call("get_contract", "{\"name\": \"" + c.get("name").asString() + "\"}");
        assertThat(byName.isError()).as(byName.text()).isFalse();
        assertThat(byName.structured().path("item").path("number").asString()).isEqualTo(c.get("number").asString());
    }

    @Test
    void anInvertedEndDateRangeIsAClearError() {
        ToolOutcome out = sandbox.call("list_contracts", "{\"end_date_from\": \"2026-02-01\", \"end_date_to\": \"2026-01-01\"}");
        assertThat(out.isError()).isTrue();
        assertThat(out.text()).contains("end_date_from").contains("end_date_to");
    }

    private static String day(ObjectNode contract) {
        return contract.path("end-date").asString().substring(0, 10);
    }
}
