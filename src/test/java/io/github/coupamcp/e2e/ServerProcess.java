package io.github.coupamcp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built jar running in its own JVM, as users run it; stderr is collected for assertions and diagnostics. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving MCP at (http://\\S+?)/mcp ");
    /** Servers still running when the test JVM exits (a test abandoned at its timeout) are killed, not orphaned. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "kill-servers"));
    }

    private final Process process;
    private final StringBuffer stderr = new StringBuffer();
    private final Thread pump;

    private ServerProcess(Process process) {
        this.process = process;
        RUNNING.add(process);
        pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    stderr.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "stderr-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /** Path of the jar under test: set by failsafe, or target/coupa-mcp.jar when run from an IDE. */
    public static String jar() {
        String jar = System.getProperty("coupamcp.jar", "target/coupa-mcp.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("Built jar not found at " + jar + ": run mvn package first");
        }
        return jar;
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java [jvmArgs] -jar coupa-mcp.jar args}, with {@code env} added to this JVM's environment. */
    public static List<String> command(List<String> jvmArgs, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar());
        command.addAll(args);
        return command;
    }

    public static ServerProcess start(Map<String, String> env, String... args) throws IOException {
        return start(List.of(), env, args);
    }

    public static ServerProcess start(List<String> jvmArgs, Map<String, String> env, String... args)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(jvmArgs, List.of(args)));
        builder.environment().putAll(env);
        return new ServerProcess(builder.start());
    }

    public Process process() {
        return process;
    }

    public String stderr() {
        return stderr.toString();
    }

    /** For {@code http}: waits for the start-up line and returns the base URL (e.g. http://127.0.0.1:41234). */
    public String awaitHttpBaseUrl(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = SERVING.matcher(stderr);
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + stderr);
            }
            Thread.sleep(20); // polling a child process's output; there is nothing to wait on
        }
        throw new IllegalStateException("server did not start within " + timeout + ":\n" + stderr);
    }

    /** Waits until stderr contains {@code text}; false if it did not within the timeout. */
    public boolean awaitStderr(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stderr.indexOf(text) >= 0) {
                return true;
            }
            Thread.sleep(20); // polling a child process's output; there is nothing to wait on
        }
        return stderr.indexOf(text) >= 0;
    }

    /** Exit code, or null if still running after the timeout. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        // The process is gone, but its last stderr lines may still be in the pipe: let the pump read them all, so
        // that stderr() is complete for the assertions that follow (on a busy machine it lagged behind).
        pump.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: exercises the graceful shutdown
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        RUNNING.remove(process);
    }
}
