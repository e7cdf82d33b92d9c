package io.github.coupamcp.sandbox.data;

import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntFunction;
import tools.jackson.databind.node.ObjectNode;

/** A read-only collection of reference data (currencies, payment terms, accounts, account types). */
final class ReferenceCollection extends BaseCollection<Integer> {
    private final IntFunction<ObjectNode> renderer;

    ReferenceCollection(World world, int count, String name, String xmlRoot, String xmlListRoot, String readScope,
            IntFunction<ObjectNode> renderer) {
        super(world, idsUpTo(count), name, xmlRoot, xmlListRoot, readScope, null);
        this.renderer = renderer;
    }

    private static ConcurrentSkipListMap<Long, Integer> idsUpTo(int count) {
        ConcurrentSkipListMap<Long, Integer> map = new ConcurrentSkipListMap<>();
        for (int i = 1; i <= count; i++) {
            map.put((long) i, i);
        }
        return map;
    }

    @Override
    ObjectNode render(Integer id) {
        return renderer.apply(id);
    }
}
