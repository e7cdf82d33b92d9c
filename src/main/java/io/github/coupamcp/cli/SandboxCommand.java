package io.github.coupamcp.cli;

import io.github.coupamcp.sandbox.FaultRule;
import io.github.coupamcp.sandbox.Sandbox;
import io.github.coupamcp.sandbox.SandboxOptions;
import io.github.coupamcp.sandbox.data.Scale;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

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

    @Option(names = "--no-retry-after", description = "Answer 429 without a Retry-After header.")
    boolean noRetryAfter;

    @Option(names = "--fault", paramLabel = "JSON", converter = FaultConverter.class,
            description = {"A fault active from the start (repeatable), as the admin API takes it, e.g.",
                "'{\"kind\":\"status\",\"status\":503,\"rate\":0.1}' or '{\"kind\":\"drop\",\"nth\":3}'."})
    List<FaultRule> faults = new ArrayList<>();

    @Option(names = "--fault-seed", defaultValue = "" + SandboxOptions.DEFAULT_SEED, description = "Seed of rate-based faults (default: ${DEFAULT-VALUE}).")
    long faultSeed;

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
        SandboxOptions.Builder options = SandboxOptions.builder()
                .host(host)
                .port(port)
                .seed(seed)
                .scale(scale)
                .tokenPropagationDelay(Duration.ofMillis(tokenDelayMillis))
                .rateLimit(ratePerSecond, burst)
                .rateLimitEnabled(!noRateLimit)
                .retryAfter(!noRetryAfter)
                .faultSeed(faultSeed);
        faults.forEach(options::fault);
        Sandbox sandbox = Sandbox.start(options.build());
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

    /** A fault rule in the admin API's JSON form; a bad one is a usage error naming the problem. */
    static final class FaultConverter implements ITypeConverter<FaultRule> {
        @Override
        public FaultRule convert(String value) {
            try {
                return FaultRule.fromJson(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
