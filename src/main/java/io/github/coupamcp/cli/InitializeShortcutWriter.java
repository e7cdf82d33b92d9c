package io.github.coupamcp.cli;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.mcp.InitializeShortcut;
import io.github.coupamcp.mcp.McpServerFactory;
import io.github.coupamcp.mcp.StdioServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A build step (Maven's process-classes phase): has the stdio server answer one initialize for the default tool
 * selection and writes that answer, with slots for what varies, as the jar's {@link InitializeShortcut}. Rendered by
 * the server itself, it cannot drift from what the server says; nothing reaches Coupa (the connection waits for a
 * signal that never comes).
 */
public final class InitializeShortcutWriter {
    /** Written where the server version goes, then replaced by the slot. */
    private static final String VERSION_MARK = "0.0.0-shortcut";
    /** Asks for the latest protocol version, which becomes the slot. */
    private static final String REQUEST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"%s\",\"capabilities\":{},\"clientInfo\":{\"name\":\"build\","
            + "\"version\":\"0\"}}}";
    /** Settings of a Coupa connection that is never made. */
    private static final Map<String, String> ENV = Map.of(CoupaConfig.ENV_INSTANCE_URL, "http://127.0.0.1:9",
            CoupaConfig.ENV_CLIENT_ID, "build", CoupaConfig.ENV_CLIENT_SECRET, "build");
    private static final String ANSWER_START = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":";

    private InitializeShortcutWriter() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: InitializeShortcutWriter OUTPUT_FILE");
            System.exit(2);
        }
        Path output = Path.of(args[0]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, render());
        System.exit(0); // the SDK's and the HTTP client's threads are not daemons
    }

    /** The resource's text for the default settings. */
    static String render() throws InterruptedException {
        List<String> versions = StdioServer.protocolVersions();
        String latest = versions.get(versions.size() - 1);
        String answer = serverAnswer(REQUEST.formatted(latest), VERSION_MARK);
        if (!answer.startsWith(ANSWER_START) || !answer.endsWith("}")) {
            throw new IllegalStateException("unexpected initialize answer: " + answer);
        }
        String result = answer.substring(ANSWER_START.length(), answer.length() - 1);
        result = replaceOnce(result, "\"protocolVersion\":\"" + latest + "\"",
                "\"protocolVersion\":\"" + InitializeShortcut.PROTOCOL_VERSION_SLOT + "\"");
        result = replaceOnce(result, "\"version\":\"" + VERSION_MARK + "\"",
                "\"version\":\"" + InitializeShortcut.VERSION_SLOT + "\"");
        ServerConfig config = defaultConfig();
        return InitializeShortcut.format(config.toolSelection(), CoupaBackends.registry(config).requiredScopes(),
                versions, result);
    }

    /** What the stdio server of version {@code version}, with the default settings, writes first for {@code line}. */
    static String serverAnswer(String line, String version) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Backend backend = Backends.factory().open(defaultConfig(), false, ENV, new CompletableFuture<>())) {
            McpServerFactory factory = new McpServerFactory(backend.catalog(), backend.access(), version);
            StdioServer.start(factory, new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)), out)
                    .awaitEndOfInput();
        }
        String written = out.toString(StandardCharsets.UTF_8);
        return written.substring(0, Math.max(0, written.indexOf('\n')));
    }

    private static ServerConfig defaultConfig() {
        return new ServerOptions().apply(ServerConfig.fromEnv(ENV)).build();
    }

    private static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new IllegalStateException("expected " + target + " once in the initialize answer: " + text);
        }
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }
}
