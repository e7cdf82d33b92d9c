package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.shape.CursorCodec;
import io.github.coupamcp.shape.ReadAhead;
import io.github.coupamcp.shape.ResponseBudget;
import java.time.Clock;

/**
 * What every handler needs: the Coupa client, the cursor codec, the response budget and the read-ahead of list pages
 * (one per Coupa connection, shared by its list tools).
 */
public record ToolContext(CoupaClient client, CursorCodec cursors, ResponseBudget budget, int defaultPageSize,
        ReadAhead readAhead) {
    public ToolContext(CoupaClient client, CursorCodec cursors, ResponseBudget budget, int defaultPageSize) {
        this(client, cursors, budget, defaultPageSize, ReadAhead.withDefaults(Clock.systemUTC()));
    }
}
