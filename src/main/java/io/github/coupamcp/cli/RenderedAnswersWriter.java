package io.github.coupamcp.cli;

import io.github.coupamcp.config.CoupaConfig;
import io.github.coupamcp.config.ServerConfig;
import io.github.coupamcp.mcp.RenderedAnswers;
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
 * A build step (Maven's process-classes phase): has the stdio server answer initialize and a first tools/list for the
 * default tool selection and writes those answers, with slots for what varies, as the jar's {@link RenderedAnswers}.
 * Rendered by the server itself, they cannot drift from what it says; nothing reaches Coupa (the connection waits for
 * a signal that never comes).
 */
public final class RenderedAnswersWriter {
    /** Written where the server version goes, then replaced by the slot. */
    private static final String VERSION_MARK = "0.0.0-rendered";
    /** Asks for the latest protocol version, which becomes the slot. */
    private static final String REQUEST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"%s\",\"capabilities\":{},\"clientInfo\":{\"name\":\"build\","
            + "\"version\":\"0\"}}}";
    /** Settings of a Coupa connection that is never made. */
    private static final Map<String, String> ENV = Map.of(CoupaConfig.ENV_INSTANCE_URL, "http://127.0.0.1:9",
            CoupaConfig.ENV_CLIENT_ID, "build", CoupaConfig.ENV_CLIENT_SECRET, "build");
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    private RenderedAnswersWriter() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: RenderedAnswersWriter OUTPUT_FILE");
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
        List<String> answers = serverAnswers(List.of(REQUEST.formatted(latest), INITIALIZED, TOOLS_LIST), VERSION_MARK);
        String initialize = result(answers, 1);
        initialize = replaceOnce(initialize, "\"protocolVersion\":\"" + latest + "\"",
                "\"protocolVersion\":\"" + RenderedAnswers.PROTOCOL_VERSION_SLOT + "\"");
        initialize = replaceOnce(initialize, "\"version\":\"" + VERSION_MARK + "\"",
                "\"version\":\"" + RenderedAnswers.VERSION_SLOT + "\"");
        ServerConfig config = defaultConfig();
        return RenderedAnswers.format(config.toolSelection(), CoupaBackends.registry(config).requiredScopes(),
                versions, initialize, result(answers, 2));
    }

    /** The result of the answer with this id, as written. */
    private static String result(List<String> answers, int id) {
        String start = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":";
        return answers.stream().filter(answer -> answer.startsWith(start) && answer.endsWith("}"))
                .map(answer -> answer.substring(start.length(), answer.length() - 1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for request " + id + " in " + answers));
    }

    /**
     * Every line the stdio server of version {@code version}, with the default settings and before Coupa answered,
     * writes for these lines of a client (which then closes stdin).
     */
    static List<String> serverAnswers(List<String> lines, String version) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        try (Backend backend = Backends.factory().open(defaultConfig(), false, ENV, new CompletableFuture<>())) {
            McpServerFactory factory = new McpServerFactory(backend.catalog(), backend.access(), version);
            StdioServer.start(factory, new ByteArrayInputStream(in), out).awaitEndOfInput();
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
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
