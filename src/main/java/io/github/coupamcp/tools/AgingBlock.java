package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.Fields;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The block of the {@code aging} kind: which records a scan reads (the filters of the resource's list tool, bound the
 * same way, plus {@code defaults} for arguments the caller leaves out), the due date records are aged by, the amount
 * summed per currency, the buckets, and how the oldest are described. Never published.
 *
 * @param defaults argument values applied when the caller does not pass the argument (stated in every answer)
 * @param describe output key to the path of a text shown for each of the oldest records, e.g. supplier
 * @param groupBy the dimensions past-due money can be ranked by ({@code group_by}), by name; may be empty
 */
public record AgingBlock(
        String resource,
        String scope,
        String entity,
        String entities,
        String listTool,
        Map<String, FilterBinding> filters,
        List<List<String>> ranges,
        Fields fields,
        String currency,
        String amount,
        String dueDate,
        ObjectNode defaults,
        AgeBuckets buckets,
        int oldest,
        Map<String, String> describe,
        Map<String, AggregateBlock.Dimension> groupBy) implements KindBlock {}
