package io.github.coupamcp.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Writes an AppCDS archive (class data sharing) that roughly halves the JVM start-up, which is what a desktop
 * client waits for on every launch. It runs this jar once in stdio mode on the embedded sandbox, plays a short
 * MCP session (initialize, tools/list, one call) and lets the JVM dump the classes it loaded.
 */
@Command(name = "cds", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Write an AppCDS archive for a faster start-up, then print how to use it.",
        "Run it again after every rebuild of the jar, with the same Java version you run the server with."})
final class CdsCommand implements Callable<Integer> {
    private static final String[] SESSION = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"cds\",\"version\":\"1\"}}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"list_invoices\","
                + "\"arguments\":{\"limit\":2}}}",
    };

    @ParentCommand
    Main main;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Archive to write (default: coupa-mcp.jsa next to the jar).")
    Path output;

    @Override
    public Integer call() throws Exception {
        CliContext cli = main.context();
        Path jar = ownJar();
        Path archive = (output != null ? output : jar.resolveSibling("coupa-mcp.jsa")).toAbsolutePath();
        // Written beside, checked, then renamed over the old one: a server starting meanwhile maps the old archive or
        // the new one, never a part of one (a truncated archive crashes the JVM, -Xshare:auto or not).
        Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            train(jar, partial);
            if (!usable(partial, jar)) {
                throw new IllegalStateException("the JVM refuses the archive it wrote");
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        cli.out().printf("Wrote %s (%d MB). Start the server with it:%n  java -XX:SharedArchiveFile=%s -jar %s stdio%n",
                archive, Files.size(archive) / (1024 * 1024), archive, jar);
        return 0;
    }

    private static void train(Path jar, Path archive) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java(), "-XX:ArchiveClassesAtExit=" + archive, "-jar", jar.toString(),
                "stdio", "--sandbox")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        playSession(process);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the training run did not finish within 60 s");
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the JVM wrote no archive (exit code " + process.exitValue() + ")");
        }
    }

    /** With -Xshare:on a JVM that cannot map the archive refuses to start, instead of starting without it. */
    private static boolean usable(Path archive, Path jar) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(java(), "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-cp",
                jar.toString(), "-version")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!check.waitFor(30, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            return false;
        }
        return check.exitValue() == 0;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Sends each request after the previous answer, so every code path really runs, then closes stdin. */
    private static void playSession(Process process) throws IOException {
        OutputStream stdin = process.getOutputStream();
        BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String message : SESSION) {
            stdin.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            if (message.contains("\"id\"") && stdout.readLine() == null) {
                break; // the server is gone; waitFor reports it
            }
        }
        stdin.close();
    }

    private static Path ownJar() throws URISyntaxException {
        Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!location.toString().endsWith(".jar")) {
            throw new UsageError("cds works on the packaged jar: java -jar target/coupa-mcp.jar cds");
        }
        return location.toAbsolutePath();
    }
}
