package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * How the body filter reads a message. Jetty checks the minimum request data rate at every read, against the time
 * since the body's first byte: a read after the whole declared body has arrived is checked too, and fails a complete
 * request with 408 when the server itself paused (CPU, GC) after reading it. The stream here fails such a read the
 * way Jetty does after a pause.
 */
class JsonRpcBodyReadTest {
    private static final String MESSAGE = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    @Test
    void aBodyWithAContentLengthIsNotReadPastItsLastByte() throws IOException {
        byte[] bytes = MESSAGE.getBytes(StandardCharsets.UTF_8);
        byte[] body = JsonRpcBodyFilter.readBounded(request(bytes, bytes.length));
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
    }

    @Test
    void aBodyWithoutAContentLengthIsReadToItsEnd() throws IOException {
        byte[] bytes = MESSAGE.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonRpcBodyFilter.readBounded(request(bytes, -1))).isEqualTo(bytes);
    }

    @Test
    void aBodyLargerThanAMessageMayBeIsRefusedUnread() throws IOException {
        assertThat(JsonRpcBodyFilter.readBounded(request(new byte[0], JsonRpcGuard.MAX_MESSAGE_BYTES + 1L))).isNull();
    }

    /**
     * A request whose stream delivers {@code bytes}; with a declared length, a read once they are all delivered
     * fails as Jetty's rate check does after a pause.
     */
    private static HttpServletRequest request(byte[] bytes, long declared) {
        ByteArrayInputStream data = new ByteArrayInputStream(bytes);
        ServletInputStream in = new ServletInputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (declared >= 0 && data.available() == 0) {
                    throw new IOException("408 Request content data rate < 1024 B/s");
                }
                return data.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return data.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(JsonRpcBodyReadTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContentLengthLong" -> declared;
                    case "getInputStream" -> in;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
