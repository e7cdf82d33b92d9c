package io.github.coupamcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.testing.ListingOnlyClient;
import io.github.coupamcp.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CustomFieldSurveyTest {
    private final List<ToolSpec> getTools = ToolRegistry.load(ToolSettings.defaults()).specs().stream()
            .filter(s -> s.kind() instanceof GetKind).toList();
    private final MutableClock clock = new MutableClock();

    @Test
    void observesFieldsOnTheNewestRecordsOfEachTypeWithOnePageEach() {
        RecordingClient client = new RecordingClient(80);
        ObjectNode answer = new CustomFieldSurvey(client, getTools, clock).survey().structured();

        assertThat(client.queries).hasSize(3).allSatisfy(q -> {
            assertThat(q.orderBy()).isEqualTo("id");
            assertThat(q.direction()).isEqualTo(CoupaQuery.Direction.DESC);
            assertThat(q.limit()).isEqualTo(50);
            assertThat(q.fields().toParam()).isEqualTo("[\"id\",{\"custom_fields\":{}}]");
        });
        JsonNode invoices = answer.path("types").get(0);
        assertThat(invoices.path("type").asString()).isEqualTo("invoices");
        assertThat(invoices.path("records_sampled").asInt()).isEqualTo(50);
        JsonNode first = invoices.path("fields").get(0);
        assertThat(first.path("name").asString()).isEqualTo("cf_00");
        assertThat(first.path("set_on").asInt()).as("null values are not counted as set").isEqualTo(25);
        assertThat(first.path("example").asString()).hasSize(60).endsWith("...");
    }

    @Test
    void theAnswerIsBoundedWhateverTheInstanceHolds() {
        ObjectNode answer = new CustomFieldSurvey(new RecordingClient(500), getTools, clock).survey().structured();
        JsonNode invoices = answer.path("types").get(0);
        assertThat(invoices.path("fields").size()).isEqualTo(CustomFieldSurvey.MAX_FIELDS);
        assertThat(invoices.path("more_fields").asInt()).isEqualTo(500 - CustomFieldSurvey.MAX_FIELDS);
        assertThat(answer.toString().length()).isLessThan(30_000);
    }

    @Test
    void answersFromTheCacheUntilItExpires() {
        RecordingClient client = new RecordingClient(2);
        CustomFieldSurvey survey = new CustomFieldSurvey(client, getTools, clock);
        survey.survey();
        clock.advance(CustomFieldSurvey.TTL.minusSeconds(1));
        survey.survey();
        assertThat(client.queries).hasSize(3);
        clock.advance(Duration.ofSeconds(1));
        survey.survey();
        assertThat(client.queries).hasSize(6);
    }

    @Test
    void aFailedTypeIsReportedAndNotCached() {
        RecordingClient client = new RecordingClient(2);
        client.failSuppliers.set(1);
        CustomFieldSurvey survey = new CustomFieldSurvey(client, getTools, clock);
        ToolOutcome first = survey.survey();
        assertThat(first.isError()).isFalse();
        JsonNode suppliers = first.structured().path("types").valueStream()
                .filter(t -> t.path("type").asString().equals("suppliers")).findFirst().orElseThrow();
        assertThat(suppliers.path("error").asString()).contains("core.supplier.read");
        assertThat(first.text()).contains("suppliers: not surveyed");
        survey.survey();
        assertThat(client.queries).as("asked again after a failure").hasSize(6);
    }

    private static final class RecordingClient extends ListingOnlyClient {
        final List<CoupaQuery> queries = new ArrayList<>();
        final AtomicInteger failSuppliers = new AtomicInteger();
        private final int fieldCount;

        RecordingClient(int fieldCount) {
            this.fieldCount = fieldCount;
        }

        @Override
        public List<ObjectNode> list(String resource, CoupaQuery query) {
            queries.add(query);
            if (resource.equals("suppliers") && failSuppliers.getAndDecrement() > 0) {
                throw new CoupaException.Forbidden("missing scope", "core.supplier.read", "GET", "/api/suppliers", null);
            }
            List<ObjectNode> records = new ArrayList<>();
            for (int i = 0; i < query.limit(); i++) {
                ObjectNode r = Json.object();
                r.put("id", 1000 - i);
                ObjectNode cf = r.putObject("custom-fields");
                for (int f = 0; f < fieldCount; f++) {
                    if (i % 2 == 0) {
                        cf.put(String.format("cf-%02d", f), "v".repeat(100));
                    } else {
                        cf.putNull(String.format("cf-%02d", f));
                    }
                }
                records.add(r);
            }
            return records;
        }

        @Override
        public void close() {}
    }
}
