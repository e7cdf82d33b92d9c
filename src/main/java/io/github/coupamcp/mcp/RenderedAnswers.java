package io.github.coupamcp.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The server's answers to {@code initialize} and to a session's first {@code tools/list}, rendered at build time by
 * the server itself for the default tool selection (see {@code cli.RenderedAnswersWriter}), so that a desktop client
 * gets them before the JVM has loaded the MCP stack: Jackson, reactor and the SDK take most of a cold start, and
 * neither answer depends on anything they compute (until Coupa grants its scopes, the tools of a session are those
 * of its selection). They are the answers the server would give, byte for byte (tested against it for every kind of
 * request they serve): only the protocol version (the client's when supported, else the latest), the request id and
 * the server version vary. A message they cannot vouch for gets nothing here and ends the early answers.
 */
public final class RenderedAnswers {
    static final String RESOURCE = "/coupa-mcp/rendered-answers.txt";
    public static final String PROTOCOL_VERSION_SLOT = "{{protocolVersion}}";
    public static final String VERSION_SLOT = "{{version}}";

    /** Ids echoed exactly as the SDK echoes them: integers it reads as int or long, plain strings. */
    private static final Pattern NUMBER_ID = Pattern.compile("0|-?[1-9][0-9]{0,14}");
    private static final Pattern STRING_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern PLAIN_VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final Set<String> REQUEST = Set.of("jsonrpc", "id", "method", "params");
    private static final Set<String> INITIALIZE_PARAMS = Set.of("protocolVersion", "capabilities", "clientInfo",
            "_meta");

    private final String selection;
    private final Set<String> scopes;
    private final List<String> protocolVersions;
    private final String initializeResult;
    private final String toolsListResult;

    RenderedAnswers(String selection, Set<String> scopes, List<String> protocolVersions, String initializeResult,
            String toolsListResult) {
        this.selection = selection;
        this.scopes = scopes;
        this.protocolVersions = protocolVersions;
        this.initializeResult = initializeResult;
        this.toolsListResult = toolsListResult;
    }

    /** The answers shipped in the jar; empty when run from sources without them (nothing is answered early then). */
    public static Optional<RenderedAnswers> shipped() {
        try (InputStream in = RenderedAnswers.class.getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty() : Optional.of(parse(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The tool selection the answers were rendered for (config.ServerConfig#toolSelection): only it may use them. */
    public String selection() {
        return selection;
    }

    /** The OAuth scopes the tools of that selection need (what COUPA_SCOPES defaults to). */
    public Set<String> scopes() {
        return scopes;
    }

    /** One stdio session's early answers, for a server of version {@code version}. */
    public Session session(String version) {
        return new Session(version);
    }

    /** An answer given early, and the id of the request it answers as written in it. */
    public record Answer(String text, String idText) {}

    /**
     * Follows the start of a session: an ordinary {@code initialize} first, then (after
     * {@code notifications/initialized}) a plain {@code tools/list}, each answered once. Anything else first, any other
     * request or anything unusual ends it: the server answers from there on.
     */
    public final class Session {
        private final String version;
        private volatile boolean over;
        private boolean initializeAnswered;
        private boolean initialized;
        private boolean toolsListed;

        private Session(String version) {
            this.version = version;
            this.over = !PLAIN_VERSION.matcher(version).matches();
        }

        /** Whether early answers are over for good. */
        boolean over() {
            return over;
        }

        /** Ends early answers (the server answers from now on). */
        void end() {
            over = true;
        }

        /** The early answer to this line, if any; a line without one may end the early answers. */
        public Optional<Answer> answer(String line) {
            if (over) {
                return Optional.empty();
            }
            Object message;
            try {
                message = StrictJson.parse(line);
            } catch (IllegalArgumentException e) {
                return ended();
            }
            if (!(message instanceof Map<?, ?> map) || !"2.0".equals(map.get("jsonrpc"))) {
                return ended();
            }
            if (!initializeAnswered) {
                initializeAnswered = true;
                Object id = requestId(map, "initialize");
                if (id == null || !ordinaryInitialize(map.get("params"))) {
                    return ended();
                }
                String requested = (String) ((Map<?, ?>) map.get("params")).get("protocolVersion");
                return Optional.of(new Answer(initializeAnswer(id, requested), idText(id)));
            }
            if (!initialized) {
                initialized = map.keySet().equals(Set.of("jsonrpc", "method"))
                        && "notifications/initialized".equals(map.get("method"));
                return initialized ? Optional.empty() : ended();
            }
            if (!toolsListed) {
                toolsListed = true;
                Object id = requestId(map, "tools/list");
                Object params = map.get("params");
                if (id == null || !(params == null || Map.of().equals(params))) {
                    return ended();
                }
                return Optional.of(new Answer("{\"jsonrpc\":\"2.0\",\"id\":" + idText(id) + ",\"result\":"
                        + toolsListResult + "}", idText(id)));
            }
            return ended();
        }

        private Optional<Answer> ended() {
            over = true;
            return Optional.empty();
        }

        private String initializeAnswer(Object id, String requested) {
            String chosen = protocolVersions.contains(requested) ? requested
                    : protocolVersions.get(protocolVersions.size() - 1);
            return "{\"jsonrpc\":\"2.0\",\"id\":" + idText(id) + ",\"result\":"
                    + initializeResult.replace(PROTOCOL_VERSION_SLOT, chosen).replace(VERSION_SLOT, version) + "}";
        }
    }

    /** The id of a request for {@code method} with nothing unusual at the top level, or null. */
    private static Object requestId(Map<?, ?> message, String method) {
        if (!REQUEST.containsAll(message.keySet()) || !method.equals(message.get("method"))
                || idText(message.get("id")) == null) {
            return null;
        }
        return message.get("id");
    }

    /** What every client sends: a version, capabilities of nested objects and flags, a name and version. */
    private static boolean ordinaryInitialize(Object value) {
        return value instanceof Map<?, ?> params && INITIALIZE_PARAMS.containsAll(params.keySet())
                && params.get("protocolVersion") instanceof String version && PLAIN_VERSION.matcher(version).matches()
                && params.get("capabilities") instanceof Map<?, ?> capabilities && capabilities(capabilities)
                && params.get("clientInfo") instanceof Map<?, ?> info && info.get("name") instanceof String
                && info.get("version") instanceof String && strings(info)
                && (!params.containsKey("_meta") || params.get("_meta") instanceof Map);
    }

    /** Each capability an object, holding objects and listChanged flags (as the SDK's records read them). */
    private static boolean capabilities(Map<?, ?> object) {
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            boolean flag = entry.getValue() instanceof Boolean && "listChanged".equals(entry.getKey());
            if (!flag && !(entry.getValue() instanceof Map<?, ?> nested && capabilities(nested))) {
                return false;
            }
        }
        return true;
    }

    private static boolean strings(Map<?, ?> object) {
        for (Object value : object.values()) {
            if (!(value instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static String idText(Object id) {
        if (id instanceof StrictJson.Number number && NUMBER_ID.matcher(number.text()).matches()) {
            return number.text();
        }
        if (id instanceof String text && STRING_ID.matcher(text).matches()) {
            return "\"" + text + "\"";
        }
        return null;
    }

    /** The resource's lines: selection, scopes, protocol versions, initialize result, tools/list result. */
    static RenderedAnswers parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length != 5) {
            throw new IllegalArgumentException("expected 5 lines, got " + lines.length);
        }
        String initialize = field(lines[3], "initialize");
        if (!initialize.contains(PROTOCOL_VERSION_SLOT) || !initialize.contains(VERSION_SLOT)) {
            throw new IllegalArgumentException("the initialize result has no slot for a protocol or server version");
        }
        return new RenderedAnswers(field(lines[0], "selection"), Set.of(field(lines[1], "scopes").split(" ")),
                Arrays.asList(field(lines[2], "versions").split(" ")), initialize, field(lines[4], "tools/list"));
    }

    /** The resource's text, as parse reads it. */
    public static String format(String selection, Set<String> scopes, List<String> versions, String initializeResult,
            String toolsListResult) {
        return "selection " + selection + "\nscopes " + String.join(" ", new TreeSet<>(scopes)) + "\nversions "
                + String.join(" ", versions) + "\ninitialize " + initializeResult + "\ntools/list " + toolsListResult
                + "\n";
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected a line starting with '" + name + " '");
        }
        return line.substring(name.length() + 1);
    }
}
