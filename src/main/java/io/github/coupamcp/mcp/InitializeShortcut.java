package io.github.coupamcp.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The server's answer to {@code initialize}, rendered at build time by the server itself for the default tool
 * selection (see {@code cli.InitializeShortcutWriter}), so that a desktop client's first request is answered before
 * the JVM has loaded the MCP stack: Jackson, reactor and the SDK take most of half a second of a cold start, and the
 * answer does not depend on anything they compute. The answer is the one the server would give, byte for byte
 * (tested against it for every kind of request it serves): only the protocol version (the client's when supported,
 * else the latest), the request id and the server version vary. A request it cannot vouch for gets nothing here and
 * takes the ordinary path.
 */
public final class InitializeShortcut {
    static final String RESOURCE = "/coupa-mcp/initialize-shortcut.txt";
    public static final String PROTOCOL_VERSION_SLOT = "{{protocolVersion}}";
    public static final String VERSION_SLOT = "{{version}}";

    /** Ids echoed exactly as the SDK echoes them: integers it reads as int or long, plain strings. */
    private static final Pattern NUMBER_ID = Pattern.compile("0|-?[1-9][0-9]{0,14}");
    private static final Pattern STRING_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern PLAIN_VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final Set<String> TOP_LEVEL = Set.of("jsonrpc", "id", "method", "params");
    private static final Set<String> PARAMS = Set.of("protocolVersion", "capabilities", "clientInfo", "_meta");

    private final String selection;
    private final Set<String> scopes;
    private final List<String> protocolVersions;
    private final String result;

    InitializeShortcut(String selection, Set<String> scopes, List<String> protocolVersions, String result) {
        this.selection = selection;
        this.scopes = scopes;
        this.protocolVersions = protocolVersions;
        this.result = result;
    }

    /** The shortcut shipped in the jar; empty when run from sources without it (nothing is shortened then). */
    public static Optional<InitializeShortcut> shipped() {
        try (InputStream in = InitializeShortcut.class.getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty() : Optional.of(parse(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The tool selection the answer was rendered for (config.ServerConfig#toolSelection): only it may use it. */
    public String selection() {
        return selection;
    }

    /** The OAuth scopes the tools of that selection need (what COUPA_SCOPES defaults to). */
    public Set<String> scopes() {
        return scopes;
    }

    /**
     * The answer line (without its newline) to {@code line} for a server of version {@code version}, or empty when
     * {@code line} is not an initialize request of the ordinary kind.
     */
    public Optional<String> answer(String line, String version) {
        if (!PLAIN_VERSION.matcher(version).matches()) {
            return Optional.empty();
        }
        Object message;
        try {
            message = StrictJson.parse(line);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!(message instanceof Map<?, ?> request) || !TOP_LEVEL.equals(request.keySet())
                || !"2.0".equals(request.get("jsonrpc")) || !"initialize".equals(request.get("method"))
                || !(request.get("params") instanceof Map<?, ?> params) || !ordinary(params)) {
            return Optional.empty();
        }
        String id = id(request.get("id"));
        if (id == null) {
            return Optional.empty();
        }
        String requested = (String) params.get("protocolVersion");
        String chosen = protocolVersions.contains(requested) ? requested
                : protocolVersions.get(protocolVersions.size() - 1);
        return Optional.of("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":"
                + result.replace(PROTOCOL_VERSION_SLOT, chosen).replace(VERSION_SLOT, version) + "}");
    }

    /** What every client sends: a version, capabilities of nested objects and flags, a name and version. */
    private static boolean ordinary(Map<?, ?> params) {
        return PARAMS.containsAll(params.keySet())
                && params.get("protocolVersion") instanceof String version && PLAIN_VERSION.matcher(version).matches()
                && params.get("capabilities") instanceof Map<?, ?> capabilities && flagsAndObjects(capabilities)
                && params.get("clientInfo") instanceof Map<?, ?> info && info.get("name") instanceof String
                && info.get("version") instanceof String && strings(info)
                && (!params.containsKey("_meta") || params.get("_meta") instanceof Map);
    }

    private static boolean flagsAndObjects(Map<?, ?> object) {
        for (Object value : object.values()) {
            if (!(value instanceof Boolean || (value instanceof Map<?, ?> nested && flagsAndObjects(nested)))) {
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

    private static String id(Object id) {
        if (id instanceof StrictJson.Number number && NUMBER_ID.matcher(number.text()).matches()) {
            return number.text();
        }
        if (id instanceof String text && STRING_ID.matcher(text).matches()) {
            return "\"" + text + "\"";
        }
        return null;
    }

    /** The resource's four lines: {@code selection ...}, {@code scopes ...}, {@code versions ...}, {@code result ...}. */
    static InitializeShortcut parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length != 4) {
            throw new IllegalArgumentException("expected 4 lines, got " + lines.length);
        }
        String selection = field(lines[0], "selection");
        Set<String> scopes = Set.of(field(lines[1], "scopes").split(" "));
        List<String> versions = Arrays.asList(field(lines[2], "versions").split(" "));
        String result = field(lines[3], "result");
        if (!result.contains(PROTOCOL_VERSION_SLOT) || !result.contains(VERSION_SLOT)) {
            throw new IllegalArgumentException("the result has no slot for the protocol version or server version");
        }
        return new InitializeShortcut(selection, scopes, versions, result);
    }

    /** The resource's text, as parse reads it. */
    public static String format(String selection, Set<String> scopes, List<String> versions, String result) {
        return "selection " + selection + "\nscopes " + String.join(" ", new java.util.TreeSet<>(scopes))
                + "\nversions " + String.join(" ", versions) + "\nresult " + result + "\n";
    }

    private static String field(String line, String name) {
        if (!line.startsWith(name + " ")) {
            throw new IllegalArgumentException("expected a line starting with '" + name + " '");
        }
        return line.substring(name.length() + 1);
    }
}
