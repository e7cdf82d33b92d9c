package io.github.coupamcp.coupa.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;

/**
 * An I/O failure in words, for messages that reach agents and operators: what happened and, for timeouts, which limit
 * was hit. Never an exception class name.
 */
public final class IoProblems {
    private IoProblems() {}

    /** E.g. "did not answer within the 30 s read timeout", "could not connect (connection refused)". */
    public static String describe(IOException e, Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException && message.contains("connect")) {
            return "could not connect within the " + human(connectTimeout) + " connect timeout";
        }
        if (e instanceof SocketTimeoutException) {
            return "did not answer within the " + human(readTimeout) + " read timeout";
        }
        if (e instanceof InterruptedIOException) {
            return message.contains("timeout") ? "did not complete the exchange within the " + human(callTimeout)
                    + " call timeout" : "was interrupted";
        }
        if (e instanceof UnknownHostException) {
            return "could not connect (unknown host)";
        }
        if (e instanceof ConnectException) {
            return "could not connect (connection refused)";
        }
        if (e instanceof NoRouteToHostException) {
            return "could not connect (no route to host)";
        }
        if (e instanceof SSLHandshakeException) {
            return "could not connect (TLS handshake failed)";
        }
        return "closed the connection before answering";
    }

    /** "30 s", "150 ms". */
    public static String human(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
