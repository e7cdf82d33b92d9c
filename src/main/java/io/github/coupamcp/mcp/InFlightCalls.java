package io.github.coupamcp.mcp;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Counts work being served (tool calls, or HTTP exchanges still owing an answer), so that a shutdown can let it
 * finish before closing sessions.
 */
final class InFlightCalls {
    private int running;

    <T> T track(Supplier<T> call) {
        enter();
        try {
            return call.get();
        } finally {
            exit();
        }
    }

    synchronized void enter() {
        running++;
    }

    synchronized void exit() {
        running--;
        notifyAll();
    }

    synchronized int running() {
        return running;
    }

    /** Waits until no call is running or the grace period is over; true if all calls finished. */
    synchronized boolean awaitIdle(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
