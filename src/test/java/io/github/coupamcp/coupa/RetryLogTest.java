package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.coupamcp.coupa.http.CoupaTransport;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The retry log says where a wait came from, so an operator can tell whether Coupa (or a gateway) sent Retry-After. */
class RetryLogTest extends ClientTestSupport {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(CoupaTransport.class);

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void a429WithoutRetryAfterIsNotLoggedAsHonouringOne() {
        stub.enqueue(new MockResponse.Builder().code(429).build());
        stub.enqueue(json(200, "[{\"id\":1}]"));
        assertThat(warmClient().list("invoices", CoupaQuery.all())).hasSize(1);

        assertThat(retryLines()).singleElement().asString().contains("429: retry 1").doesNotContain("Retry-After");
    }

    @Test
    void a429WithRetryAfterSaysSo() {
        stub.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "2").build());
        stub.enqueue(json(200, "[{\"id\":1}]"));
        assertThat(warmClient().list("invoices", CoupaQuery.all())).hasSize(1);

        assertThat(retryLines()).singleElement().asString().contains("429: retry 1 in 2000 ms (Retry-After)");
    }

    private List<String> retryLines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(": retry "))
                .toList();
    }
}
