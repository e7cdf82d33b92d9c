package io.github.coupamcp.shape;

import io.github.coupamcp.json.Json;
import java.util.List;
import java.util.function.BiFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fits a result built around one record into the budget: as is when it fits, otherwise with the record trimmed
 * ({@link RecordTrimmer}) a little more each round until the whole rendering — notes on what was cut included —
 * fits. The caller renders; this class only decides how much of the record to keep.
 */
public final class SingleRecordFit {
    /** Room kept for the note that says what was trimmed and for the record's line in the text. */
    private static final int MARGIN = 400;
    private static final int FLOOR = 20;

    private SingleRecordFit() {}

    /** {@code render} builds the full result from a (possibly trimmed) record and the trimming notes. */
    public static Rendering fit(ObjectNode item, ResponseBudget budget,
            BiFunction<ObjectNode, List<String>, Rendering> render) {
        Rendering whole = render.apply(item, List.of());
        if (budget.fits(whole)) {
            return whole;
        }
        Rendering frame = render.apply(Json.object(), List.of());
        int allowance = budget.maxChars() - ResponseBudget.measure(frame) - MARGIN;
        while (true) {
            RecordTrimmer.Trimmed trimmed = RecordTrimmer.trim(item, Math.max(allowance, FLOOR));
            Rendering attempt = render.apply(trimmed.item(), trimmed.notes());
            if (budget.fits(attempt) || allowance <= FLOOR) {
                return attempt;
            }
            allowance -= Math.max(100, allowance / 4);
        }
    }
}
