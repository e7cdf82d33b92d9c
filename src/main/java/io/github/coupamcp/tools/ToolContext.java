package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.shape.CursorCodec;
import io.github.coupamcp.shape.ResponseBudget;

/** What every handler needs: the Coupa client, the cursor codec and the response budget. */
public record ToolContext(CoupaClient client, CursorCodec cursors, ResponseBudget budget, int defaultPageSize) {}
