package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** list_requisitions against the sandbox, checked against a brute-force pass over its requisitions. */
class RequisitionFiltersOnSandboxTest {
    private static SandboxListing sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxListing();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /**
     * "Who submitted the most requisitions last month?": the month's listing holds exactly the requisitions submitted
     * in it, and counting them per requester gives the brute-force answer.
     */
    @Test
    void requisitionsSubmittedInAMonthAndTheirTopRequester() {
        List<Instant> submitted = sandbox.records("requisitions").stream().filter(r -> r.hasNonNull("submitted-at"))
                .map(RequisitionFiltersOnSandboxTest::submittedAt).sorted().toList();
        YearMonth month = YearMonth.from(submitted.get(submitted.size() / 2).atOffset(ZoneOffset.UTC));
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<ObjectNode> inMonth = sandbox.records("requisitions").stream().filter(r -> r.hasNonNull("submitted-at"))
                .filter(r -> !submittedAt(r).isBefore(from) && submittedAt(r).isBefore(to)).toList();
        assertThat(inMonth).hasSizeGreaterThan(1);

        String args = "{\"submitted_from\": \"" + month.atDay(1) + "\", \"submitted_to\": \"" + month.atEndOfMonth()
                + "\"}";
        assertThat(sandbox.listed("list_requisitions", "requisitions", args))
                .containsExactlyElementsOf(inMonth.stream().map(r -> r.get("id").asLong()).sorted().toList());

        Map<Long, Long> expectedCounts = inMonth.stream().collect(Collectors.groupingBy(
                r -> r.path("requested-by").path("id").asLong(), TreeMap::new, Collectors.counting()));
        ToolOutcome page = sandbox.call("list_requisitions", args.replace("}", ", \"limit\": 50}"));
        assertThat(page.structured().has("next_cursor")).as("one page holds the month").isFalse();
        Map<Long, Long> listedCounts = new TreeMap<>();
        for (JsonNode item : page.structured().get("items")) {
            listedCounts.merge(item.path("requested_by").path("id").asLong(), 1L, Long::sum);
        }
        assertThat(listedCounts).isEqualTo(expectedCounts);
    }

    @Test
    void requesterAndStatusCombine() {
        long requester = sandbox.records("requisitions").get(0).path("requested-by").path("id").asLong();
        List<String> statuses = List.of("pending_approval", "approved", "ordered");
        List<Long> expected = sandbox.expected("requisitions",
                r -> r.path("requested-by").path("id").asLong() == requester
                        && statuses.contains(r.path("status").asString()));
        assertThat(sandbox.listed("list_requisitions", "requisitions", "{\"requester_id\": " + requester
                + ", \"status\": [\"pending_approval\", \"approved\", \"ordered\"]}"))
                .containsExactlyElementsOf(expected);
        String login = sandbox.records("requisitions").get(0).path("requested-by").path("login").asString();
        assertThat(sandbox.listed("list_requisitions", "requisitions", "{\"requester_login\": \"" + login + "\"}"))
                .isNotEmpty().containsExactlyElementsOf(sandbox.expected("requisitions",
                        r -> r.path("requested-by").path("id").asLong() == requester));
    }

    @Test
    void createdDateRangeIsInclusive() {
        List<LocalDate> days = sandbox.records("requisitions").stream()
                .map(r -> OffsetDateTime.parse(r.get("created-at").asString()).withOffsetSameInstant(ZoneOffset.UTC)
                        .toLocalDate()).sorted().toList();
        LocalDate from = days.get(days.size() / 4);
        LocalDate to = days.get(days.size() / 2);
        List<Long> expected = sandbox.expected("requisitions", r -> {
            LocalDate day = OffsetDateTime.parse(r.get("created-at").asString())
                    .withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            return !day.isBefore(from) && !day.isAfter(to);
        });
        assertThat(expected).isNotEmpty();
        assertThat(sandbox.listed("list_requisitions", "requisitions",
                "{\"created_from\": \"" + from + "\", \"created_to\": \"" + to + "\"}"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void getRequisitionWithItsLines() {
        ObjectNode r = sandbox.records("requisitions").get(2);
        ToolOutcome out = sandbox.call("get_requisition", "{\"id\": " + r.get("id").asLong() + ", \"detail\": \"full\"}");
        assertThat(out.isError()).as(out.text()).isFalse();
        assertThat(out.structured().path("item").path("requisition_lines").size())
                .isEqualTo(r.path("requisition-lines").size());
        assertThat(out.structured().path("item").path("total").asString()).isEqualTo(r.get("total").asString());
    }

    private static Instant submittedAt(ObjectNode r) {
        return OffsetDateTime.parse(r.get("submitted-at").asString()).toInstant();
    }
}
