package io.github.coupamcp.coupa.scan;

import tools.jackson.databind.node.ObjectNode;

/**
 * How a scan folds records into an answer in constant memory: each worker folds into its own accumulator, and the
 * accumulators are merged once every partition is done. Records arrive in no global order.
 *
 * @param <A> the accumulator; it is only touched by one thread at a time
 */
public interface Fold<A> {
    A newAccumulator();

    void accept(A accumulator, ObjectNode record);

    /** Combines two accumulators; may return either one, updated. */
    A merge(A left, A right);
}
