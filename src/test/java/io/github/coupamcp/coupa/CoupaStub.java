package io.github.coupamcp.coupa;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A scripted Coupa for MockWebServer: {@code /oauth2/token} hands out tokens {@code tok-1}, {@code tok-2}, ... (or
 * scripted token responses); API calls get the queued responses in order, or the fallback when the queue is empty.
 * Records token and API requests separately.
 */
public final class CoupaStub extends Dispatcher {
    public final List<RecordedRequest> apiRequests = new CopyOnWriteArrayList<>();
    public final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<MockResponse> api = new LinkedBlockingQueue<>();
    private final BlockingQueue<MockResponse> token = new LinkedBlockingQueue<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile Function<RecordedRequest, MockResponse> fallback =
            r -> new MockResponse.Builder().code(500).body("no scripted response").build();
    private volatile long expiresIn = 86399;
    private volatile Runnable beforeToken = () -> {};

    public CoupaStub enqueue(MockResponse response) {
        api.add(response);
        return this;
    }

    public CoupaStub enqueueToken(MockResponse response) {
        token.add(response);
        return this;
    }

    public CoupaStub fallback(Function<RecordedRequest, MockResponse> fallback) {
        this.fallback = fallback;
        return this;
    }

    public CoupaStub expiresIn(long seconds) {
        this.expiresIn = seconds;
        return this;
    }

    /** Runs on the server thread before each token answer (e.g. to block on a latch). */
    public CoupaStub beforeToken(Runnable hook) {
        this.beforeToken = hook;
        return this;
    }

    public int tokensIssued() {
        return issued.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().endsWith("/oauth2/token")) {
            tokenRequests.add(request);
            beforeToken.run();
            MockResponse scripted = token.poll();
            if (scripted != null) {
                return scripted;
            }
            return json(200, "{\"access_token\":\"tok-" + issued.incrementAndGet()
                    + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}");
        }
        apiRequests.add(request);
        MockResponse next = api.poll();
        return next != null ? next : fallback.apply(request);
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8")
                .body(body).build();
    }

    public static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("").build();
    }
}
