package io.github.coupamcp.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's single Jetty core handler. Per request, in order: admin routes (never limited or logged), the
 * rate limit (429), injected faults, then the token endpoint or the API. Everything runs on the Jetty thread that
 * received the request (after an injected latency, on another pool thread); endpoints build a {@link Reply}
 * which is written in one go.
 */
final class SandboxHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxHandler.class);

    private final ApiEndpoint api;
    private final SandboxTokenEndpoint token;
    private final AdminEndpoint admin;
    private final TokenBucket bucket;
    private final FaultInjector faults;
    private final RequestLog log;

    SandboxHandler(ApiEndpoint api, SandboxTokenEndpoint token, AdminEndpoint admin, TokenBucket bucket,
            FaultInjector faults, RequestLog log) {
        this.api = api;
        this.token = token;
        this.admin = admin;
        this.bucket = bucket;
        this.faults = faults;
        this.log = log;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        ApiRequest call = toApiRequest(request);
        String path = call.path();
        if (path.equals(AdminEndpoint.PREFIX) || path.startsWith(AdminEndpoint.PREFIX + "/")) {
            write(response, callback, admin.handle(call));
            return true;
        }
        boolean tokenCall = SandboxTokenEndpoint.PATHS.contains(path);
        if (tokenCall) {
            log.countTokenRequest();
        }
        String resource = ApiEndpoint.resourceOf(path);
        long waitNanos = bucket.tryAcquire();
        if (waitNanos > 0) {
            Reply limited = rateLimited(call.format(), waitNanos, bucket.settings().retryAfter());
            log.record(call.method(), path, call.query(), resource, 429, null, micros(start));
            write(response, callback, limited);
            return true;
        }
        FaultInjector.Decision decision = faults.decide(path);
        if (decision.latencyMillis() > 0) {
            // no thread sleeps through the delay: the scheduler hands the request back to the pool afterwards
            request.getComponents().getScheduler().schedule(
                    () -> request.getComponents().getThreadPool().execute(
                            () -> serve(request, response, callback, call, decision, resource, start)),
                    decision.latencyMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        serve(request, response, callback, call, decision, resource, start);
        return true;
    }

    /** Answers with the injected fault, or with the token endpoint, the API or a 404. */
    private void serve(Request request, Response response, Callback callback, ApiRequest call,
            FaultInjector.Decision decision, String resource, long start) {
        String path = call.path();
        FaultRule fault = decision.fault();
        if (fault != null) {
            log.record(call.method(), path, call.query(), resource, Faults.loggedStatus(fault), fault.kind().wireName(),
                    micros(start));
            Faults.inject(fault, request, response, callback, call.format());
            return;
        }
        Reply reply;
        try {
            reply = SandboxTokenEndpoint.PATHS.contains(path) ? token.handle(call)
                    : path.startsWith(ApiEndpoint.PREFIX) ? api.handle(call)
                    : Reply.error(call.format(), 404, "base", "No route matches " + call.method() + " " + path);
        } catch (RuntimeException e) {
            LOG.error("sandbox failed on {} {}", call.method(), path, e);
            reply = Reply.error(call.format(), 500, "base", "Internal sandbox error");
        }
        // logged before writing, so a client that reads the log right after its answer sees this request
        log.record(call.method(), path, call.query(), resource, reply.status(),
                decision.latencyMillis() > 0 ? FaultRule.Kind.LATENCY.wireName() : null, micros(start));
        write(response, callback, reply);
    }

    /** Retry-After carries whole seconds (at least 1), rounded up from the time until the next token. */
    private static Reply rateLimited(Format format, long waitNanos, boolean retryAfter) {
        Reply reply = Reply.error(format, 429, "base", "Too many requests: the rate limit was exceeded");
        if (!retryAfter) {
            return reply;
        }
        long seconds = Math.max(1, (long) Math.ceil(waitNanos / 1e9));
        return reply.withHeader(HttpHeader.RETRY_AFTER.asString(), String.valueOf(seconds));
    }

    private ApiRequest toApiRequest(Request request) {
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            params.computeIfAbsent(field.getName(), k -> new ArrayList<>()).addAll(field.getValues());
        }
        // Bodies are read up front: an answer sent over an unread body (405, 429, a fault) would otherwise leave
        // Jetty to close a keep-alive connection the client may already be reusing.
        byte[] body = hasBody(request) ? readBody(request) : new byte[0];
        String query = decoded(request.getHttpURI().getQuery());
        return new ApiRequest(request.getMethod(), Request.getPathInContext(request), query, params,
                request.getHeaders().get(HttpHeader.ACCEPT), request.getHeaders().get(HttpHeader.AUTHORIZATION),
                request.getHeaders().get(HttpHeader.CONTENT_TYPE), body);
    }

    /** The query string as the client meant it, for the request log. */
    private static String decoded(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        try {
            return URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawQuery;
        }
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private static byte[] readBody(Request request) {
        try {
            ByteBuffer buffer = Content.Source.asByteBuffer(request);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a reply; also used by {@link Faults}. */
    static void write(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        if (reply.contentType() != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        }
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    /** Raised into Jetty's callback when a fault drops a connection on purpose. */
    static EofException dropped() {
        return new EofException("connection dropped by an injected sandbox fault");
    }
}
