package io.github.coupamcp.shape;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.coupamcp.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class TextRendererTest {
    @Test
    void oneLinePerRecordWithReferencesByNameAmountsWithCurrencyAndDaysForDateTimes() {
        ObjectNode item = (ObjectNode) Json.MAPPER.readTree("""
                {"id": 7, "invoice_number": "INV-7", "status": "approved", "supplier": {"id": 3, "name": "Acme"},
                 "total": "120.00", "currency": "USD", "invoice_date": "2025-01-31T00:00:00-08:00"}
                """);
        assertThat(TextRenderer.line(item, List.of("invoice_number", "status", "supplier", "total", "currency",
                "invoice_date", "missing"))).isEqualTo("#7 INV-7 · approved · Acme · 120.00 USD · 2025-01-31");
    }
}
