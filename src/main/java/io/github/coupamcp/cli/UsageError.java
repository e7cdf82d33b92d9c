package io.github.coupamcp.cli;

/** The command line itself is wrong (not the configuration): reported with exit code 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
