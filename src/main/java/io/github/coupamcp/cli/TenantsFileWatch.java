package io.github.coupamcp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the tenants file when it changes (checked every {@link #POLL}: its content, so that a Kubernetes config map
 * swapping a symbolic link counts, and a touch without change does not) and on SIGHUP. A reload that fails (the file
 * is not valid now) is logged and the previous settings stay.
 */
final class TenantsFileWatch implements AutoCloseable {
    static final Duration POLL = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(TenantsFileWatch.class);

    private final Path file;
    private final Runnable reload;
    private final ScheduledExecutorService timer;
    private byte[] digest;

    private TenantsFileWatch(Path file, Runnable reload) {
        this.file = file;
        this.reload = reload;
        this.digest = digest(file);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tenants-file-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts watching {@code file}; {@code reload} runs on the watch's thread, one at a time. */
    static TenantsFileWatch start(Path file, Runnable reload, Duration poll) {
        TenantsFileWatch watch = new TenantsFileWatch(file, reload);
        watch.timer.scheduleWithFixedDelay(watch::checkForChange, poll.toMillis(), poll.toMillis(),
                TimeUnit.MILLISECONDS);
        watch.onHangUp();
        return watch;
    }

    private void checkForChange() {
        byte[] now = digest(file);
        if (now != null && !Arrays.equals(now, digest)) {
            digest = now;
            log.info("tenants file {} changed: reloading", file.getFileName());
            runReload();
        }
    }

    /** Also reloads at once, file changed or not (a secret file it names may have). */
    void reloadNow() {
        timer.execute(() -> {
            byte[] now = digest(file);
            if (now != null) {
                digest = now;
            }
            runReload();
        });
    }

    private void runReload() {
        try {
            reload.run();
        } catch (RuntimeException e) {
            log.error("tenants file not reloaded, still serving its previous settings: {}", e.getMessage());
        }
    }

    /**
     * SIGHUP reloads, as daemons do. sun.misc.Signal is the JDK's only way to catch it; where it is missing (or the
     * signal is taken by the JVM) the file is still watched.
     */
    private void onHangUp() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                log.info("SIGHUP: reloading the tenants file");
                reloadNow();
            });
        } catch (RuntimeException | LinkageError e) {
            log.warn("SIGHUP cannot be caught here ({}); the tenants file is still reloaded when it changes",
                    e.toString());
        }
    }

    /** The file's content digest; null when it cannot be read now (it is being replaced: the next poll sees it). */
    private static byte[] digest(Path file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
