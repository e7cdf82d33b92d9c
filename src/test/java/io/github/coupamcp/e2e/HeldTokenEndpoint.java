package io.github.coupamcp.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint in front of the sandbox's that holds every request until {@link #release()}, then forwards it:
 * a Coupa that is slow to issue tokens, with the moment the token arrives in the test's hands.
 */
final class HeldTokenEndpoint implements AutoCloseable {
    private static final long HOLD_LIMIT_SECONDS = 60;

    private final HttpServer server;
    private final String upstream;
    private final HttpClient http = HttpClient.newHttpClient();
    private final CountDownLatch received = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger answered = new AtomicInteger();

    HeldTokenEndpoint(String upstreamTokenUrl) throws IOException {
        this.upstream = upstreamTokenUrl;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "held-token-endpoint");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/oauth2/token", exchange -> {
            received.countDown();
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] form = in.readAllBytes();
                if (!released.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(upstream))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().set("Content-Type",
                        answer.headers().firstValue("Content-Type").orElse("application/json"));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
                answered.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String tokenUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token";
    }

    /** Waits until a token request has arrived (and is being held). */
    boolean awaitRequest(long seconds) throws InterruptedException {
        return received.await(seconds, TimeUnit.SECONDS);
    }

    /** Token requests answered so far: zero until {@link #release()}. */
    int answered() {
        return answered.get();
    }

    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
