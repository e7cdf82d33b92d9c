package io.github.coupamcp.coupa;

import java.util.Iterator;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lazily fetched pages of a keyset scan; one upstream GET per {@link #next()}. Constant memory: only the current
 * page is held. {@link #lastId()} is the resume position after the last record handed out.
 */
public interface KeysetPager extends Iterator<List<ObjectNode>> {
    /** Id of the last record of the last page returned, or the starting {@code afterId}; null before any. */
    Long lastId();
}
