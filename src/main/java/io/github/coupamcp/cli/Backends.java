package io.github.coupamcp.cli;

/** The backend factory the jar uses. */
final class Backends {
    private Backends() {}

    static BackendFactory factory() {
        return new CoupaBackends();
    }
}
