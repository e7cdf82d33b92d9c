package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.shape.CursorCodec;
import io.github.coupamcp.shape.ReadAhead;
import io.github.coupamcp.shape.ResponseBudget;
import java.time.Clock;
import java.util.Set;

/**
 * What every handler needs: the Coupa client, the cursor codec, the response budget, the read-ahead of list pages
 * and the answer cache of aggregate tools (both one per Coupa connection, shared by its tools), and how scans may
 * run (request budget, deadline), the names of the tools published with them (a handler names only those), and the
 * confirmations of write tools (tokens and outcomes, one store per registry).
 */
public record ToolContext(CoupaClient client, CursorCodec cursors, ResponseBudget budget, int defaultPageSize,
        ReadAhead readAhead, ScanOptions scanOptions, AnswerCache answers, Set<String> tools,
        Confirmations confirmations) {
    public ToolContext {
        tools = Set.copyOf(tools);
    }

    public ToolContext(CoupaClient client, CursorCodec cursors, ResponseBudget budget, int defaultPageSize,
            ReadAhead readAhead, ScanOptions scanOptions, AnswerCache answers, Set<String> tools) {
        this(client, cursors, budget, defaultPageSize, readAhead, scanOptions, answers, tools,
                Confirmations.withDefaults(cursors));
    }

    public ToolContext(CoupaClient client, CursorCodec cursors, ResponseBudget budget, int defaultPageSize) {
        this(client, cursors, budget, defaultPageSize, ReadAhead.withDefaults(Clock.systemUTC()));
    }

    public ToolContext(CoupaClient client, CursorCodec cursors, ResponseBudget budget, int defaultPageSize,
            ReadAhead readAhead) {
        this(client, cursors, budget, defaultPageSize, readAhead, ScanOptions.defaults(),
                AnswerCache.withDefaults(Clock.systemUTC()), Set.of());
    }
}
