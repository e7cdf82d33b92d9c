package io.github.coupamcp.shape;

import io.github.coupamcp.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes one oversized record fit a character allowance by cutting its biggest parts first — halving long arrays
 * (lines), shortening long texts, then leaving out whole fields — and says what it cut. {@code id} is never cut.
 */
public final class RecordTrimmer {
    static final int TEXT_KEEP = 200;

    private RecordTrimmer() {}

    public record Trimmed(ObjectNode item, List<String> notes) {}

    public static Trimmed trim(ObjectNode item, int maxChars) {
        ObjectNode work = item.deepCopy();
        List<String> notes = new ArrayList<>();
        while (work.toString().length() > maxChars) {
            String biggest = biggestField(work);
            if (biggest == null) {
                break;
            }
            cut(work, biggest, item, notes);
        }
        return new Trimmed(work, notes);
    }

    private static void cut(ObjectNode work, String key, ObjectNode original, List<String> notes) {
        JsonNode value = work.get(key);
        if (value instanceof ArrayNode array && array.size() > 1) {
            ArrayNode kept = Json.array();
            for (int i = 0; i < array.size() / 2; i++) {
                kept.add(array.get(i));
            }
            work.set(key, kept);
            replaceNote(notes, key, key + ": first " + kept.size() + " of " + original.get(key).size() + " shown");
        } else if (value.isString() && value.asString().length() > TEXT_KEEP + 1) {
            work.put(key, value.asString().substring(0, TEXT_KEEP) + "…");
            replaceNote(notes, key, key + ": shortened");
        } else {
            work.remove(key);
            replaceNote(notes, key, key + ": omitted");
        }
    }

    private static void replaceNote(List<String> notes, String key, String note) {
        notes.removeIf(n -> n.startsWith(key + ":"));
        notes.add(note);
    }

    private static String biggestField(ObjectNode work) {
        String biggest = null;
        int size = -1;
        for (Map.Entry<String, JsonNode> e : work.properties()) {
            if (e.getKey().equals("id")) {
                continue;
            }
            int s = e.getValue().toString().length();
            if (s > size) {
                size = s;
                biggest = e.getKey();
            }
        }
        return biggest;
    }
}
