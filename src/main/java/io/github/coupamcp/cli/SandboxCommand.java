package io.github.coupamcp.cli;

import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code coupa-mcp sandbox}: runs the Coupa sandbox standalone until interrupted, after printing its base URL and
 * the demo client's id and secret on stdout.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Run the built-in Coupa sandbox: Coupa's REST API with generated data, OAuth client",
            "credentials, rate limiting and switchable faults (admin API under /__sandbox)."})
public final class SandboxCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "4010", description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = SandboxOptions.DEFAULT_HOST, description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--seed", defaultValue = "" + SandboxOptions.DEFAULT_SEED, description = "Seed of the generated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", defaultValue = "small", converter = ScaleConverter.class,
            description = "Data set size: small, medium or large (default: ${DEFAULT-VALUE}).")
    Scale scale;

    @Option(names = "--token-delay-ms", defaultValue = "5000",
            description = "How long a new token is refused after issuance, as Coupa documents (default: ${DEFAULT-VALUE}).")
    long tokenDelayMillis;

    @Option(names = "--rate-limit", defaultValue = "" + SandboxOptions.DEFAULT_RATE_PER_SECOND,
            description = "Requests per second before 429 (default: ${DEFAULT-VALUE}).")
    double ratePerSecond;

    @Option(names = "--burst", defaultValue = "" + SandboxOptions.DEFAULT_BURST, description = "Rate-limit burst (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--no-rate-limit", description = "Serve every request without 429 answers.")
    boolean noRateLimit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Sandbox sandbox = start(spec.commandLine().getOut());
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
        sandbox.join();
        return 0;
    }

    /** Starts the sandbox and prints how to reach it. */
    Sandbox start(PrintWriter out) {
        if (tokenDelayMillis < 0) {
            throw new IllegalArgumentException("--token-delay-ms must not be negative");
        }
        Sandbox sandbox = Sandbox.start(SandboxOptions.builder()
                .host(host)
                .port(port)
                .seed(seed)
                .scale(scale)
                .tokenPropagationDelay(Duration.ofMillis(tokenDelayMillis))
                .rateLimit(ratePerSecond, burst)
                .rateLimitEnabled(!noRateLimit)
                .build());
        out.println("Coupa sandbox running at " + sandbox.baseUrl());
        out.println("  token URL:     " + sandbox.tokenUrl());
        out.println("  client id:     " + sandbox.clientId());
        out.println("  client secret: " + sandbox.clientSecret());
        out.println("  admin API:     " + sandbox.baseUrl() + "/__sandbox");
        out.println("Press Ctrl+C to stop.");
        out.flush();
        return sandbox;
    }

    /** {@code small|medium|large}, any case. */
    static final class ScaleConverter implements ITypeConverter<Scale> {
        @Override
        public Scale convert(String value) {
            return Scale.parse(value);
        }
    }
}
