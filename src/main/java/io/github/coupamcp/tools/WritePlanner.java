package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.CoupaQuery;
import io.github.coupamcp.coupa.Fields;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.RecordCompactor;
import io.github.coupamcp.shape.TextRenderer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Works out what a write tool's call would write, reading Coupa only: the names it resolves, the record it acts on
 * (status and {@code updated-at}) or the duplicate it would make, and the exact payload. Runs for the preview and
 * again for the confirmation, which compares the two.
 */
final class WritePlanner {
    private static final Fields ID_ONLY = Fields.parse("[\"id\"]");

    private final String tool;
    private final WriteBlock block;
    private final CoupaClient client;
    private final RecordCompactor compactor;

    WritePlanner(String tool, WriteBlock block, CoupaClient client, RecordCompactor compactor) {
        this.tool = tool;
        this.block = block;
        this.client = client;
        this.compactor = compactor;
    }

    /** Reads what the change depends on; refuses what Coupa would refuse or what is certainly a mistake. */
    WritePlan plan(ObjectNode request) {
        for (List<String> group : block.exactlyOne()) {
            long given = group.stream().filter(request::has).count();
            if (given != 1) {
                throw new InvalidArgumentsException((given == 0 ? "give one of " : "give only one of ")
                        + String.join(", ", group));
            }
        }
        ObjectNode effective = request.deepCopy();
        for (Map.Entry<String, WriteBlock.Resolver> e : block.resolve().entrySet()) {
            if (effective.has(e.getKey())) {
                String refusal = resolve(effective, e.getKey(), e.getValue());
                if (refusal != null) {
                    return new WritePlan(block.resource(), null, null, Json.object(), null, null, refusal, null, null);
                }
            }
        }
        return block.creates() ? planCreate(effective) : planAction(effective);
    }

    private String resolve(ObjectNode arguments, String argument, WriteBlock.Resolver r) {
        String value = arguments.get(argument).asString();
        CoupaQuery query = CoupaQuery.builder().eq(r.attribute(), value).orderBy("id", CoupaQuery.Direction.ASC)
                .fields(ID_ONLY).limit(2).build();
        List<ObjectNode> found = client.list(r.resource(), query);
        if (found.size() != 1) {
            return (found.isEmpty() ? "No " + r.entity() + " is named exactly '" + value + "'"
                    : "Several " + r.entity() + " records are named '" + value + "'") + ": use " + r.listTool()
                    + " to find the right one and pass its id as " + r.into() + ". Nothing was written.";
        }
        arguments.remove(argument);
        arguments.put(r.into(), found.get(0).get("id").asLong());
        return null;
    }

    private WritePlan planCreate(ObjectNode arguments) {
        ObjectNode body = block.body().build(arguments);
        List<String> key = new ArrayList<>();
        CoupaQuery.Builder query = CoupaQuery.builder();
        block.unique().forEach((argument, attribute) -> {
            if (arguments.has(argument)) {
                query.eq(attribute, arguments.get(argument).asString());
                key.add(attribute + "=" + arguments.get(argument).asString());
            }
        });
        String target = block.resource() + (key.isEmpty() ? "" : "[" + String.join(",", key) + "]");
        ObjectNode duplicate = null;
        String refusal = null;
        if (!key.isEmpty()) {
            List<ObjectNode> found = client.list(block.resource(),
                    query.orderBy("id", CoupaQuery.Direction.ASC).fields(block.fields()).limit(1).build());
            if (!found.isEmpty()) {
                duplicate = found.get(0);
                refusal = article(block.entity()) + block.entity() + " with " + String.join(" and ", block.unique().keySet().stream()
                        .filter(arguments::has).toList()) + " already exists: "
                        + TextRenderer.line(compactor.compact(duplicate), block.line()) + " (id "
                        + duplicate.path("id").asLong() + "). Nothing was written; use a different "
                        + block.unique().keySet().iterator().next() + " if this is really another " + block.entity()
                        + ".";
            }
        }
        BigDecimal amount = amount(arguments);
        return new WritePlan(target, null, null, body, null, duplicate, refusal, amount,
                block.amount() == null ? null : arguments.path(block.amount().currency()).asString());
    }

    private BigDecimal amount(ObjectNode arguments) {
        WriteBlock.Amount a = block.amount();
        if (a == null || !arguments.has(a.lines())) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode line : arguments.get(a.lines())) {
            BigDecimal quantity = line.has(a.quantity()) ? line.get(a.quantity()).decimalValue() : BigDecimal.ONE;
            total = total.add(quantity.multiply(line.path(a.price()).decimalValue()));
        }
        return total.setScale(2, RoundingMode.HALF_UP);
    }

    private WritePlan planAction(ObjectNode arguments) {
        long id = arguments.get("id").asLong();
        ObjectNode current = client.get(block.resource(), id, block.fields());
        String status = current.path("status").asString();
        String target = block.resource() + "/" + id;
        ObjectNode body = block.body().build(arguments);
        String version = current.path("updated-at").asString(null);
        String refusal = null;
        if (!block.from().contains(status)) {
            refusal = ProblemText.capitalized(block.entity()) + " " + id + " is " + status + ": " + tool + " needs status "
                    + String.join(" or ", block.from()) + ". Nothing was written; check it with get_" + block.entity()
                    + ".";
        }
        return new WritePlan(target, id, version, body, current, null, refusal, null, null);
    }

    private static String article(String noun) {
        return "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "An " : "A ";
    }
}
