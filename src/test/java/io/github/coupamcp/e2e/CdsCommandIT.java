package io.github.coupamcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cds}: the archive a server may be starting with while it is (re)written. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CdsCommandIT {
    private static final Duration BUILD = Duration.ofMinutes(2);

    /**
     * A truncated archive crashes the JVM that maps it (SIGBUS, also with -Xshare:auto): the archive must appear
     * whole or not at all, however many runs write it at once. Sampled while two runs write it: every size seen is
     * that of a finished archive, and the one left is one the JVM maps.
     */
    @Test
    void concurrentRunsNeverExposeAPartialArchive(@TempDir Path folder) throws Exception {
        Path archive = folder.resolve("coupa-mcp.jsa");
        List<Long> seen = new ArrayList<>();
        try (ServerProcess first = ServerProcess.start(Map.of(), "cds", "--output", archive.toString());
                ServerProcess second = ServerProcess.start(Map.of(), "cds", "--output", archive.toString())) {
            long deadline = System.nanoTime() + BUILD.toNanos();
            while ((first.process().isAlive() || second.process().isAlive()) && System.nanoTime() < deadline) {
                try {
                    seen.add(Files.size(archive));
                } catch (IOException notThereYet) {
                    // written by neither run yet
                }
                Thread.sleep(2); // sampling a file other processes write: there is nothing to wait on
            }
            assertThat(first.awaitExit(BUILD)).as(first.stderr()).isZero();
            assertThat(second.awaitExit(BUILD)).as(second.stderr()).isZero();
        }
        Process check = new ProcessBuilder(ServerProcess.java(), "-XX:SharedArchiveFile=" + archive, "-Xshare:on",
                "-cp", Path.of(ServerProcess.jar()).toAbsolutePath().toString(), "-version")
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(40, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("the JVM maps the archive: " + output).isZero();
        long size = Files.size(archive);
        assertThat(seen).as("sizes seen while it was written").isNotEmpty()
                .allSatisfy(s -> assertThat(s).isGreaterThan(size * 9 / 10));
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).as("no temporary file left").containsExactly(archive);
        }
    }
}
