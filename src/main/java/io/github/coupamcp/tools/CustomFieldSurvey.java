package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The custom fields each record type has on this instance. Coupa's API has no endpoint listing custom field
 * definitions for invoices, orders or suppliers, so they are observed on the newest records of each type (one page
 * of ids and custom fields, {@code fields=["id",{"custom_fields":{}}]}). The answer is cached briefly: it changes
 * only when an administrator adds a field, and an agent may read it at the start of every conversation.
 */
final class CustomFieldSurvey {
    /** One page per record type: newest records, at Coupa's page cap. */
    static final int SAMPLE = CoupaQuery.MAX_LIMIT;
    static final Duration TTL = Duration.ofMinutes(5);
    /** Bounds the answer whatever the instance holds: fields per type, characters per example value. */
    static final int MAX_FIELDS = 60;
    static final int MAX_EXAMPLE_CHARS = 60;

    private static final Fields PROJECTION = Fields.of("id", Fields.customFields());
    private static final String CUSTOM_FIELDS = "custom-fields";

    private final CoupaClient client;
    private final List<ToolSpec> getTools;
    private final Clock clock;
    private ObjectNode cached;
    private Instant cachedAt;

    CustomFieldSurvey(CoupaClient client, List<ToolSpec> getTools, Clock clock) {
        this.client = client;
        this.getTools = List.copyOf(getTools);
        this.clock = clock;
    }

    /**
     * The survey, from the cache when it is younger than {@link #TTL}; a survey with a failed type is not cached. One
     * survey at a time: concurrent readers wait for it rather than each asking Coupa the same three pages.
     */
    synchronized ToolOutcome survey() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(TTL))) {
            ObjectNode fresh = run(now);
            if (fresh.path("types").valueStream().anyMatch(t -> t.has("error"))) {
                return ToolOutcome.success(fresh, text(fresh));
            }
            cached = fresh;
            cachedAt = now;
        }
        return ToolOutcome.success(cached, text(cached));
    }

    private ObjectNode run(Instant now) {
        ObjectNode answer = Json.object();
        answer.put("as_of", now.truncatedTo(ChronoUnit.SECONDS).toString());
        answer.put("method", "Observed on the " + SAMPLE + " newest records of each type (Coupa's API lists no custom"
                + " field definitions): a field never set on them may be missing. Cached for " + TTL.toMinutes()
                + " minutes. Read a record's values with fields [\"custom_fields\"] on its get or list tool, or one of"
                + " them with [\"custom_fields.<name>\"].");
        ArrayNode types = answer.putArray("types");
        for (ToolSpec spec : getTools) {
            types.add(surveyType(spec));
        }
        return answer;
    }

    private ObjectNode surveyType(ToolSpec spec) {
        CoupaBinding b = spec.binding();
        ObjectNode type = Json.object();
        type.put("type", b.resource());
        type.put("tool", spec.name());
        List<ObjectNode> records;
        try {
            records = client.list(b.resource(), CoupaQuery.builder()
                    .orderBy("id", CoupaQuery.Direction.DESC)
                    .fields(PROJECTION)
                    .limit(SAMPLE)
                    .build());
        } catch (CoupaException e) {
            type.put("error", ToolErrorMessages.coupa(spec, e, null).text());
            return type;
        }
        type.put("records_sampled", records.size());
        Map<String, Observed> fields = observe(records);
        ArrayNode list = type.putArray("fields");
        fields.values().stream().limit(MAX_FIELDS).forEach(f -> list.add(f.toJson()));
        if (fields.size() > MAX_FIELDS) {
            type.put("more_fields", fields.size() - MAX_FIELDS);
        }
        return type;
    }

    private static Map<String, Observed> observe(List<ObjectNode> records) {
        Map<String, Observed> fields = new TreeMap<>();
        for (ObjectNode record : records) {
            JsonNode custom = record.get(CUSTOM_FIELDS);
            if (custom == null) {
                custom = record.get("custom_fields");
            }
            if (custom == null || !custom.isObject()) {
                continue;
            }
            for (Map.Entry<String, JsonNode> e : custom.properties()) {
                Observed f = fields.computeIfAbsent(e.getKey().replace('-', '_'), Observed::new);
                f.see(e.getValue());
            }
        }
        return fields;
    }

    private static String text(ObjectNode answer) {
        StringBuilder sb = new StringBuilder("Custom fields observed per record type (as of ")
                .append(answer.path("as_of").asString()).append("):");
        for (JsonNode type : answer.path("types")) {
            sb.append("\n").append(type.path("type").asString()).append(": ");
            if (type.has("error")) {
                sb.append("not surveyed: ").append(type.path("error").asString());
                continue;
            }
            List<String> names = type.path("fields").valueStream().map(f -> f.path("name").asString()).toList();
            sb.append(names.isEmpty() ? "none seen" : String.join(", ", names));
        }
        return sb.toString();
    }

    /** One custom field across the sample: on how many records it is set, and one value as an example. */
    private static final class Observed {
        private final String name;
        private int set;
        private JsonNode example;

        Observed(String name) {
            this.name = name;
        }

        void see(JsonNode value) {
            if (value == null || value.isNull() || (value.isString() && value.asString().isEmpty())) {
                return;
            }
            set++;
            if (example == null) {
                example = value;
            }
        }

        ObjectNode toJson() {
            ObjectNode f = Json.object();
            f.put("name", name);
            f.put("set_on", set);
            if (example != null) {
                String text = example.isString() ? example.asString() : example.toString();
                f.put("example", text.length() <= MAX_EXAMPLE_CHARS ? text
                        : text.substring(0, MAX_EXAMPLE_CHARS - 3) + "...");
            }
            return f;
        }
    }
}
