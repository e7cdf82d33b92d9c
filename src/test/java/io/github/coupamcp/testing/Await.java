package io.github.coupamcp.testing;

import java.time.Duration;

/**
 * Waits in a test for something another thread or process brings about: the condition is polled until it holds,
 * within a bound, instead of sleeping a fixed time and hoping it did.
 */
public final class Await {
    private static final long POLL_MILLIS = 5;

    /** A condition that may throw (a probe of a socket, a file); an exception propagates and fails the test. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {}

    /** Returns as soon as {@code condition} holds; fails with {@code what} once {@code timeout} has passed. */
    public static void until(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
