package io.github.coupamcp.mcp;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts Streamable HTTP POSTs until their answer is sent. A tool handler returning is not enough for a graceful
 * stop: the SDK writes the answer afterwards on the request's own event stream, and closing the sessions before
 * that cuts the client off with no answer at all.
 */
final class OpenExchangesFilter implements Filter {
    private final InFlightCalls open;

    OpenExchangesFilter(InFlightCalls open) {
        this.open = open;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(((HttpServletRequest) request).getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        open.enter();
        boolean answeredLater = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new ExitOnce());
                answeredLater = true;
            }
        } finally {
            if (!answeredLater) {
                open.exit();
            }
        }
    }

    /** Complete, error and timeout may all be reported for one exchange; it is counted out once. */
    private final class ExitOnce implements AsyncListener {
        private final AtomicBoolean done = new AtomicBoolean();

        private void exit() {
            if (done.compareAndSet(false, true)) {
                open.exit();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            exit();
        }

        @Override
        public void onError(AsyncEvent event) {
            exit();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            exit();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // a re-dispatch keeps the same exchange open
        }
    }
}
