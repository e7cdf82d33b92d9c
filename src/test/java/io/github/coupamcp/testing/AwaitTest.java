package io.github.coupamcp.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    @Test
    void untilReturnsOnceTheConditionHoldsAndFailsWhenItNeverDoes() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        Await.until("the third poll", Duration.ofSeconds(5), () -> polls.incrementAndGet() == 3);
        assertThat(polls).hasValue(3);

        assertThatThrownBy(() -> Await.until("never", Duration.ofMillis(50), () -> false))
                .isInstanceOf(AssertionError.class).hasMessage("not within 50 ms: never");
    }

    @Test
    void withinBoundsABlockingReadAndPassesItsResultOrFailure() throws Exception {
        try (PipedOutputStream writer = new PipedOutputStream(); PipedInputStream silent = new PipedInputStream(writer)) {
            assertThatThrownBy(() -> Await.within(Duration.ofMillis(100), "byte from a silent pipe", silent::read))
                    .isInstanceOf(AssertionError.class).hasMessage("no byte from a silent pipe within 100 ms");
        }
        int read = Await.within(Duration.ofSeconds(5), "a byte", new ByteArrayInputStream(new byte[] {7})::read);
        assertThat(read).isEqualTo(7);
        assertThatThrownBy(() -> Await.within(Duration.ofSeconds(5), "a failing read", () -> {
            throw new IOException("closed");
        })).isInstanceOf(IOException.class).hasMessage("closed");
    }
}
