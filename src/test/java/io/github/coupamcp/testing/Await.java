package io.github.coupamcp.testing;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** A blocking read, e.g. {@code stdout::readLine}. */
    @FunctionalInterface
    public interface Read<T, E extends Exception> {
        T read() throws E;
    }

    /**
     * The result of a blocking read that cannot be interrupted (a child process's stdout), or a failure naming
     * {@code what} once {@code timeout} has passed. The read is left in a daemon thread; closing its source (e.g.
     * stopping the process) ends it.
     */
    @SuppressWarnings("unchecked") // read throws nothing checked but E
    public static <T, E extends Exception> T within(Duration timeout, String what, Read<T, E> read) throws E {
        FutureTask<T> task = new FutureTask<>(read::read);
        Thread reader = new Thread(task, "bounded-read");
        reader.setDaemon(true);
        reader.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw (E) cause;
        }
    }
}
