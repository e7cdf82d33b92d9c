package io.github.coupamcp.sandbox;

import io.github.coupamcp.sandbox.data.Scale;

/** The data set benchmarks run against: generated, medium scale unless {@code -Dsandbox.bench.scale=large}. */
final class BenchmarkData {
    private BenchmarkData() {}

    static SandboxOptions.Builder options() {
        return SandboxOptions.builder().scale(Scale.parse(System.getProperty("sandbox.bench.scale", "medium")));
    }
}
