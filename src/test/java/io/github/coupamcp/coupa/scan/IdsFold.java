package io.github.coupamcp.coupa.scan;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Test fold: every id seen, duplicates kept, so a test can tell "twice" from "once". */
public final class IdsFold implements Fold<List<Long>> {
    @Override
    public List<Long> newAccumulator() {
        return new ArrayList<>();
    }

    @Override
    public void accept(List<Long> ids, ObjectNode record) {
        ids.add(record.get("id").asLong());
    }

    @Override
    public List<Long> merge(List<Long> left, List<Long> right) {
        left.addAll(right);
        return left;
    }
}
