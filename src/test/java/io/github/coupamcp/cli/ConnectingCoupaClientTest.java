package io.github.coupamcp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.coupa.HttpCoupaClient;
import io.github.coupamcp.testing.Await;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reaching Coupa waits for the serving command's signal (stdio: its first answer), and closing before is clean. */
@Timeout(30)
class ConnectingCoupaClientTest {
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger released = new AtomicInteger();
    /** Stands for the HTTP client: creating it fails, which the client reports as the first token's failure. */
    private final Supplier<HttpCoupaClient> factory = () -> {
        created.incrementAndGet();
        throw new CoupaException.Misconfigured("no Coupa in this test");
    };

    @Test
    void nothingIsCreatedBeforeTheSignalAndEverythingAfter() throws Exception {
        CompletableFuture<Void> connectWhen = new CompletableFuture<>();
        ConnectingCoupaClient client = ConnectingCoupaClient.start(factory, released::incrementAndGet, connectWhen);
        Thread.sleep(100); // a bounded look for something that must not happen
        assertThat(created).hasValue(0);
        assertThat(client.firstToken()).isNotDone();

        connectWhen.complete(null);
        Await.until("the first token request failed", Duration.ofSeconds(10), () -> client.firstToken().isDone());
        assertThat(created).hasValue(1);
        assertThat(client.firstToken()).isCompletedExceptionally();
        client.close();
        assertThat(released).hasValue(1);
    }

    @Test
    void closedBeforeTheSignalCreatesNothingAndReleasesAtOnce() throws Exception {
        CompletableFuture<Void> connectWhen = new CompletableFuture<>();
        ConnectingCoupaClient client = ConnectingCoupaClient.start(factory, released::incrementAndGet, connectWhen);
        client.close();
        assertThat(released).hasValue(1);
        assertThat(client.firstToken()).isCancelled();
        assertThatThrownBy(() -> client.get("invoices", 1, null)).isInstanceOf(CoupaException.class);

        connectWhen.complete(null); // the signal after closing starts nothing
        Thread.sleep(100);
        assertThat(created).hasValue(0);
        client.close();
        assertThat(released).hasValue(1);
    }
}
