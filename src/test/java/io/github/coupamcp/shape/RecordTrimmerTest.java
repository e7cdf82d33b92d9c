package io.github.coupamcp.shape;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class RecordTrimmerTest {
    @Test
    void halvesLongArraysFirstAndSaysSo() {
        ObjectNode item = Json.object();
        item.put("id", 1);
        item.put("status", "approved");
        ArrayNode lines = item.putArray("invoice_lines");
        for (int i = 0; i < 40; i++) {
            lines.addObject().put("description", "line number " + i + " with some words");
        }

        RecordTrimmer.Trimmed trimmed = RecordTrimmer.trim(item, 600);

        assertThat(trimmed.item().toString().length()).isLessThanOrEqualTo(600);
        assertThat(trimmed.item().get("status").asString()).isEqualTo("approved");
        assertThat(trimmed.item().get("invoice_lines").size()).isBetween(1, 20);
        assertThat(trimmed.notes()).singleElement().asString()
                .matches("invoice_lines: first \\d+ of 40 shown");
    }

    @Test
    void shortensLongTextsThenOmitsFieldsButNeverTheId() {
        ObjectNode item = Json.object();
        item.put("id", 1);
        item.put("comments", "x".repeat(5000));
        item.put("status", "approved");

        RecordTrimmer.Trimmed shortened = RecordTrimmer.trim(item, 300);
        assertThat(shortened.item().get("comments").asString()).hasSize(RecordTrimmer.TEXT_KEEP + 1).endsWith("…");
        assertThat(shortened.notes()).containsExactly("comments: shortened");

        RecordTrimmer.Trimmed bare = RecordTrimmer.trim(item, 10);
        assertThat(bare.item().toString()).isEqualTo("{\"id\":1}");
        assertThat(bare.notes()).contains("comments: omitted", "status: omitted");
    }
}
