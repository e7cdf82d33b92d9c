package io.github.coupamcp.coupa;

import static io.github.coupamcp.coupa.CoupaStub.json;
import static io.github.coupamcp.coupa.CoupaStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.github.coupamcp.coupa.auth.AccessToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Runs the auth and fault paths with DEBUG logging on and searches every log line and error for the secrets. */
class SecretsNeverLeakTest extends ClientTestSupport {
    private static final String TOKEN = "tok-SUPER-SECRET-BEARER-0123456789";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;
    private Level previous;

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger("io.github.coupamcp");
        previous = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }

    @Test
    void neitherSecretNorTokenAppearsInLogsErrorsOrResults() {
        List<String> texts = new ArrayList<>();
        // A token endpoint that echoes the secret back in its error must not leak it either.
        stub.enqueueToken(json(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad secret " + SECRET
                + "\"}"));
        HttpCoupaClient bad = client();
        texts.add(describe(catchThrowable(() -> bad.list("invoices", CoupaQuery.all()))));

        stub.enqueueToken(json(200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":86399}"));
        HttpCoupaClient good = warmClient();
        stub.enqueue(status(401)).enqueue(status(401));
        texts.add(describe(catchThrowable(() -> good.list("invoices", CoupaQuery.all()))));
        stub.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
        stub.enqueue(json(200, "[{\"id\":1}]"));
        texts.add(good.list("invoices", CoupaQuery.all()).toString());
        stub.enqueue(status(503)).enqueue(status(503)).enqueue(status(503)).enqueue(status(503))
                .enqueue(status(503));
        texts.add(describe(catchThrowable(() -> good.get("invoices", 1, null))));
        stub.enqueue(status(403));
        texts.add(describe(catchThrowable(() -> good.get("invoices", 1, null))));
        texts.add(good.config().toString());
        texts.add(new AccessToken(TOKEN, Instant.EPOCH, Instant.EPOCH.plusSeconds(60), null).toString());
        texts.add(good.metrics().toString());

        for (ILoggingEvent e : appender.list) {
            texts.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                texts.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
        }
        assertThat(appender.list).isNotEmpty();
        // Structured enough to grep: request id, verb, resource, status, latency, attempts, retries.
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).matches("coupa requestId=[0-9a-f-]{36} method=GET resource=invoices "
                        + "status=200 latencyMs=\\d+ attempts=2 retries=1"))
                .anySatisfy(m -> assertThat(m).contains("429: retry 1 in 1000 ms (Retry-After)"));
        assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(SECRET).doesNotContain(TOKEN)
                .doesNotContain("tok-1").doesNotContain("tok-2"));
    }

    @Test
    void aMalformedTokenResponseIsReportedWithoutQuotingTheToken() {
        String bare = "abcSUPERSECRETtoken0123456789";
        stub.enqueueToken(json(200, "{\"access_token\":" + bare + ",\"expires_in\":86399}"));
        HttpCoupaClient client = client();

        String text = describe(catchThrowable(() -> client.list("invoices", CoupaQuery.all())));
        assertThat(text).contains("malformed JSON", "line 1").doesNotContain(bare).doesNotContain("abcSUPER");
        assertThat(logged()).noneMatch(m -> m.contains("abcSUPER"));
    }

    @Test
    void a401BodyEchoingTheBearerTokenIsMasked() {
        stub.enqueueToken(json(200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":86399}"));
        // Echo whichever token was sent: the first, then the replacement fetched after the 401.
        stub.fallback(r -> json(401, "{\"errors\":[\"invalid token "
                + r.getHeaders().get("Authorization").substring("Bearer ".length()) + "\"]}"));
        HttpCoupaClient client = warmClient();

        Throwable t = catchThrowable(() -> client.list("invoices", CoupaQuery.all()));
        assertThat(t).isInstanceOfSatisfying(CoupaException.AuthFailed.class,
                e -> assertThat(e.coupaMessages()).containsExactly("invalid token ****"));
        assertThat(describe(t)).doesNotContain(TOKEN).doesNotContain("tok-1");
        assertThat(logged()).isNotEmpty().noneMatch(m -> m.contains(TOKEN) || m.contains("tok-1"));
    }

    private List<String> logged() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static String describe(Throwable t) {
        assertThat(t).isInstanceOf(CoupaException.class);
        CoupaException e = (CoupaException) t;
        return e + " " + e.coupaMessages() + " " + e.path() + " " + e.method();
    }
}
