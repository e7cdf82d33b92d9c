package io.github.coupamcp.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Node's reference MCP server, {@code @modelcontextprotocol/server-everything}, as the yardstick of the start-up
 * benchmark. Installed with npm into target/ (never committed) on first use; absent, with a printed reason, when
 * node or npm is missing or the install fails.
 */
final class NodeReference {
    /** Pinned, so that figures from different days compare. */
    static final String PACKAGE = "@modelcontextprotocol/server-everything@2026.8.31";
    private static final Path PREFIX = Path.of("target", "node-reference");
    private static final Path SERVER = PREFIX.resolve(
            "node_modules/@modelcontextprotocol/server-everything/dist/index.js");

    private NodeReference() {}

    /** {@code node .../index.js stdio}, or empty (and a message on stdout) when it cannot be had. */
    static Optional<List<String>> command() {
        try {
            if (!succeeds(List.of("node", "--version"), 30)) {
                return skip("node is not installed");
            }
            if (!Files.isRegularFile(SERVER)) {
                Files.createDirectories(PREFIX);
                if (!succeeds(List.of("npm", "install", "--prefix", PREFIX.toString(), "--no-audit", "--no-fund",
                        "--silent", PACKAGE), 300)) {
                    return skip("npm could not install " + PACKAGE);
                }
            }
            return Optional.of(List.of("node", SERVER.toAbsolutePath().toString(), "stdio"));
        } catch (IOException e) {
            return skip("node or npm is not available (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return skip("interrupted");
        }
    }

    private static boolean succeeds(List<String> command, long seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    private static Optional<List<String>> skip(String reason) {
        System.out.println("Skipping the Node reference server in the start-up benchmark: " + reason);
        return Optional.empty();
    }
}
