package io.github.coupamcp.sandbox;

/** The data set benchmarks run against. */
final class BenchmarkData {
    private BenchmarkData() {}

    static SandboxOptions.Builder options() {
        return SandboxOptions.builder().store(new FakeStore());
    }
}
