package io.github.coupamcp.config;

import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and validates the tenants file ({@value ServerConfig#ENV_TENANTS_FILE}, YAML or JSON by extension). Every
 * mistake is reported before the server starts, in a message naming the file, the entry and the key and saying what to
 * write instead. Secrets are referenced ({@code {env: NAME}} or {@code {file: PATH}}), never written in the file, and
 * never appear in a message.
 */
public final class TenantsFile {
    private static final Logger LOG = LoggerFactory.getLogger(TenantsFile.class);

    public static final Pattern TENANT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    /** Larger than any plausible tenants file or secret; keeps a wrong path (a device, a log) from being read whole. */
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    static final int MAX_SECRET_BYTES = 64 * 1024;

    private static final List<String> TOP_KEYS = List.of("principal_claim", "tenants");
    private static final List<String> TENANT_KEYS =
            List.of("name", "principals", "static_tokens", "coupa", "toolsets", "read_only", "enable_writes",
                    "max_sessions", "max_concurrent_calls");
    private static final List<String> SECRET_KEYS = List.of("env", "file");
    private static final String SECRET_REFERENCE =
            "use {env: NAME} (an environment variable holding it) or {file: PATH} (a file holding it)";
    /** The Coupa client settings a tenant may give: each {@code COUPA_*} variable, lower case without the prefix. */
    private static final List<String> COUPA_SETTINGS = List.of(CoupaConfig.ENV_INSTANCE_URL, CoupaConfig.ENV_CLIENT_ID,
            CoupaConfig.ENV_CLIENT_SECRET, CoupaConfig.ENV_SCOPES, CoupaConfig.ENV_TOKEN_URL,
            CoupaConfig.ENV_CONNECT_TIMEOUT, CoupaConfig.ENV_READ_TIMEOUT, CoupaConfig.ENV_CALL_TIMEOUT,
            CoupaConfig.ENV_RATE_LIMIT, CoupaConfig.ENV_RATE_LIMIT_BURST, CoupaConfig.ENV_RATE_LIMIT_ADAPTIVE,
            CoupaConfig.ENV_MAX_ATTEMPTS, CoupaConfig.ENV_RETRY_DEADLINE, CoupaConfig.ENV_TOKEN_PROPAGATION_DELAY);
    private static final String COUPA_PREFIX = "COUPA_";
    private static final List<String> COUPA_KEYS = COUPA_SETTINGS.stream().map(TenantsFile::coupaKey).toList();
    private static final Pattern COUPA_VARIABLE = Pattern.compile("\\bCOUPA_([A-Z_]+)\\b");
    /** Lets CoupaConfig validate a tenant without scopes: the server fills them from the enabled tools. */
    private static final Set<String> PLACEHOLDER_SCOPES = Set.of("placeholder.scope");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern QUOTED = Pattern.compile("(['\"])(.*?)\\1");
    private static final Pattern SHOWN_QUOTED = Pattern.compile("\\p{Punct}?|null|true|false");
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate Object property \"([^\"]*)\".*");

    private final Path file;
    private final Map<String, String> env;
    private final Set<String> knownToolsets;

    private TenantsFile(Path file, Map<String, String> env, Set<String> knownToolsets) {
        this.file = file;
        this.env = env;
        this.knownToolsets = new TreeSet<>(knownToolsets);
    }

    /**
     * Reads, validates and resolves the file.
     *
     * @param env where {@code {env: NAME}} references are looked up (the process environment)
     * @param knownToolsets every name {@code toolsets} may list (as {@value ServerConfig#ENV_TOOLSETS} accepts)
     * @throws ServerConfigException naming the file, the entry and the key, never a secret
     */
    public static Tenants load(Path file, Map<String, String> env, Set<String> knownToolsets) {
        return new TenantsFile(file, env, knownToolsets).load();
    }

    private Tenants load() {
        JsonNode root = read();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw fail("is empty: it needs a list of tenants, e.g. tenants: [{name: acme, principals: [agent-7], "
                    + "coupa: {...}}]");
        }
        if (!root.isObject()) {
            throw fail("must hold a mapping with the key 'tenants' (a list), not a " + kind(root));
        }
        checkKeys(root, TOP_KEYS, "top level", "");
        String principalClaim = Tenants.DEFAULT_PRINCIPAL_CLAIM;
        if (root.has("principal_claim")) {
            principalClaim = requiredString(root.get("principal_claim"), "principal_claim",
                    "the name of a token claim, e.g. sub or client_id");
        }
        JsonNode list = root.get("tenants");
        if (list == null || list.isNull()) {
            throw fail("needs 'tenants': a list with one entry per tenant");
        }
        if (!list.isArray() || list.isEmpty()) {
            throw fail("'tenants' must be a non-empty list with one entry per tenant");
        }
        List<TenantSpec> tenants = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> principals = new LinkedHashMap<>();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            TenantSpec t = tenant(i, list.get(i));
            String entry = entry(i, t.name());
            String other = names.putIfAbsent(t.name(), entry);
            if (other != null) {
                throw fail(entry + ": name '" + t.name() + "' is already used by " + other
                        + "; give each tenant its own name");
            }
            for (String p : t.principals()) {
                other = principals.putIfAbsent(p, entry);
                if (other != null) {
                    throw fail(entry + ": principals: '" + p + "' is already a principal of " + other
                            + "; a principal belongs to one tenant only");
                }
            }
            int k = 0;
            for (String token : t.staticTokens()) {
                other = tokens.putIfAbsent(token, entry + " static_tokens[" + k + "]");
                if (other != null) {
                    throw fail(entry + ": static_tokens[" + k + "] is the same token as " + other
                            + "; a token belongs to one tenant only (generate one per tenant, e.g. openssl rand -hex 32)");
                }
                k++;
            }
            tenants.add(t);
        }
        return new Tenants(principalClaim, tenants);
    }

    private TenantSpec tenant(int index, JsonNode node) {
        String at = "tenants[" + index + "]";
        if (!node.isObject()) {
            throw fail(at + ": must be a mapping with name, principals and/or static_tokens, and coupa; not a "
                    + kind(node));
        }
        JsonNode nameNode = node.get("name");
        if (nameNode != null && !nameNode.isNull() && !nameNode.isString()) {
            throw fail(at + ": name must be a string of lower-case letters, digits, '-' and '_', e.g. name: acme, not a "
                    + kind(nameNode));
        }
        if (nameNode == null || nameNode.isNull() || nameNode.asString().isBlank()) {
            throw fail(at + ": needs a name: lower-case letters, digits, '-' and '_', e.g. name: acme");
        }
        String name = nameNode.asString();
        if (!TENANT_NAME.matcher(name).matches()) {
            throw fail(at + ": name '" + name + "' is not allowed: use 1 to 40 lower-case letters, digits, '-' or "
                    + "'_', starting with a letter or digit, e.g. " + suggestedName(name));
        }
        String entry = entry(index, name);
        checkKeys(node, TENANT_KEYS, entry, "");

        Set<String> principals = new LinkedHashSet<>();
        JsonNode principalList = optionalList(node, "principals", entry);
        for (int i = 0; i < principalList.size(); i++) {
            JsonNode p = principalList.get(i);
            if (!(p.isString() || p.isNumber()) || p.asString().isBlank()) {
                throw fail(entry + ": principals[" + i + "] must be a value of the principal claim, e.g. agent-7, not "
                        + (p.isString() ? "empty" : "a " + kind(p)));
            }
            principals.add(p.asString());
        }
        Set<String> staticTokens = new LinkedHashSet<>();
        JsonNode tokenList = optionalList(node, "static_tokens", entry);
        for (int i = 0; i < tokenList.size(); i++) {
            String key = "static_tokens[" + i + "]";
            String token = secret(tokenList.get(i), entry, key).strip();
            if (token.length() < ServerConfig.MIN_TOKEN_LENGTH) {
                throw fail(entry + ": " + key + ": the token must be at least " + ServerConfig.MIN_TOKEN_LENGTH
                        + " characters long (e.g. the output of: openssl rand -hex 32)");
            }
            if (!staticTokens.add(token)) {
                throw fail(entry + ": " + key + " is the same token as an earlier one of this tenant; list it once");
            }
        }
        if (principals.isEmpty() && staticTokens.isEmpty()) {
            throw fail(entry + ": names no caller: give principals (values of the tokens' principal claim, e.g. "
                    + "principals: [agent-7]) and/or static_tokens (e.g. static_tokens: [{env: ACME_MCP_TOKEN}])");
        }
        Map<String, String> coupaEnv = coupa(node.get("coupa"), entry);
        List<String> toolsets = toolsets(node, entry);
        Boolean readOnly = optionalBoolean(node, "read_only", entry);
        Boolean enableWrites = optionalBoolean(node, "enable_writes", entry);
        if (Boolean.TRUE.equals(readOnly) && Boolean.TRUE.equals(enableWrites)) {
            LOG.warn("Tenants file {}: {} sets both read_only and enable_writes: read_only wins, no write tool is "
                    + "published for it", file, entry);
        }
        Integer maxSessions = optionalPositive(node, "max_sessions", entry);
        Integer maxCalls = optionalPositive(node, "max_concurrent_calls", entry);
        return new TenantSpec(name, principals, staticTokens, coupaEnv, toolsets, readOnly, enableWrites,
                maxSessions, maxCalls);
    }

    private Map<String, String> coupa(JsonNode coupa, String entry) {
        if (coupa == null || coupa.isNull()) {
            throw fail(entry + ": needs coupa: {instance_url: https://..., client_id: ..., client_secret: {env: NAME}}");
        }
        if (!coupa.isObject()) {
            throw fail(entry + ": coupa must be a mapping with instance_url, client_id and client_secret, not a "
                    + kind(coupa));
        }
        checkKeys(coupa, COUPA_KEYS, entry, "coupa.");
        for (String required : List.of(CoupaConfig.ENV_INSTANCE_URL, CoupaConfig.ENV_CLIENT_ID,
                CoupaConfig.ENV_CLIENT_SECRET)) {
            if (!coupa.has(coupaKey(required)) || coupa.get(coupaKey(required)).isNull()) {
                throw fail(entry + ": coupa." + coupaKey(required) + " is missing; it is required (" + example(required)
                        + ")");
            }
        }
        Map<String, String> coupaEnv = new LinkedHashMap<>();
        for (String variable : COUPA_SETTINGS) {
            String key = coupaKey(variable);
            JsonNode value = coupa.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            if (variable.equals(CoupaConfig.ENV_CLIENT_SECRET)) {
                coupaEnv.put(variable, secret(value, entry, "coupa." + key));
            } else if (variable.equals(CoupaConfig.ENV_SCOPES) && value.isArray()) {
                coupaEnv.put(variable, scopes(value, entry));
            } else if (value.isValueNode()) {
                coupaEnv.put(variable, value.asString());
            } else {
                throw fail(entry + ": coupa." + key + " must be a single value (" + example(variable) + "), not a "
                        + kind(value));
            }
        }
        try {
            CoupaConfig.builderFromEnv(coupaEnv).defaultScopes(PLACEHOLDER_SCOPES).build();
        } catch (ConfigException e) {
            throw fail(entry + ": " + inFileTerms(e.getMessage()));
        }
        return coupaEnv;
    }

    private String scopes(JsonNode list, String entry) {
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            if (!s.isString() || s.asString().isBlank()) {
                throw fail(entry + ": coupa.scopes[" + i + "] must be a scope name such as core.invoice.read");
            }
            scopes.add(s.asString().strip());
        }
        return String.join(" ", scopes);
    }

    private List<String> toolsets(JsonNode tenant, String entry) {
        if (!tenant.has("toolsets") || tenant.get("toolsets").isNull()) {
            return List.of();
        }
        JsonNode list = tenant.get("toolsets");
        if (!list.isArray() || list.isEmpty()) {
            throw fail(entry + ": toolsets must be a non-empty list of toolset names, e.g. [invoices, suppliers] "
                    + "(leave it out for the server's); known: " + String.join(", ", knownToolsets));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            if (!t.isString() || !knownToolsets.contains(t.asString())) {
                String given = t.isValueNode() ? "'" + t.asString() + "'" : "a " + kind(t);
                throw fail(entry + ": toolsets[" + i + "]: " + given + " is not a toolset" + hint(t.asString(""),
                        knownToolsets) + "; known: " + String.join(", ", knownToolsets));
            }
            if (!out.contains(t.asString())) {
                out.add(t.asString());
            }
        }
        return out;
    }

    /**
     * Resolves {@code {env: NAME}} or {@code {file: PATH}} (relative to the tenants file's folder). The message of a
     * plain string does not repeat it: it is probably the secret itself.
     */
    private String secret(JsonNode ref, String entry, String key) {
        String at = entry + ": " + key;
        if (ref.isValueNode()) {
            throw fail(at + ": a plain value is refused (never the secret itself): " + SECRET_REFERENCE);
        }
        // the key of a wrong reference is not repeated: it may be the secret itself, mistyped
        if (!ref.isObject() || ref.size() != 1 || !SECRET_KEYS.contains(ref.propertyNames().iterator().next())) {
            throw fail(at + ": must be a reference with exactly one key: " + SECRET_REFERENCE);
        }
        boolean fromEnv = ref.has("env");
        JsonNode target = ref.get(fromEnv ? "env" : "file");
        if (!target.isString() || target.asString().isBlank()) {
            throw fail(at + ": " + (fromEnv ? "env must name an environment variable, e.g. {env: ACME_COUPA_SECRET}"
                    : "file must be a path, e.g. {file: /run/secrets/acme-coupa-secret}"));
        }
        String name = target.asString().strip();
        if (fromEnv) {
            String value = env.get(name);
            if (value == null || value.isEmpty()) {
                throw fail(at + ": environment variable " + name + " is " + (value == null ? "not set" : "empty")
                        + "; set it to the secret, or use {file: PATH}");
            }
            return value;
        }
        return secretFile(name, at);
    }

    private String secretFile(String name, String at) {
        Path path = file.toAbsolutePath().getParent().resolve(name);
        if (!Files.isRegularFile(path)) {
            throw fail(at + ": secret file " + path + (Files.exists(path) ? " is not a regular file" : " does not exist")
                    + "; give the path of a file holding the secret");
        }
        String text;
        try {
            text = decode(readBounded(path, MAX_SECRET_BYTES), MAX_SECRET_BYTES, "secret file " + path, at);
        } catch (IOException e) {
            throw fail(at + ": cannot read secret file " + path + " (" + e.getClass().getSimpleName()
                    + "); check its permissions");
        }
        String secret = text.replaceAll("[\\r\\n]+$", "");
        if (secret.isEmpty()) {
            throw fail(at + ": secret file " + path + " is empty; write the secret into it");
        }
        return secret;
    }

    private JsonNode read() {
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = fileName.endsWith(".yaml") || fileName.endsWith(".yml");
        if (!yaml && !fileName.endsWith(".json")) {
            throw fail("must end in .yaml, .yml or .json (the extension decides how it is read)");
        }
        if (!Files.exists(file)) {
            throw fail("does not exist; check " + ServerConfig.ENV_TENANTS_FILE + " or --tenants-file");
        }
        if (!Files.isRegularFile(file)) {
            throw fail("is not a regular file; check " + ServerConfig.ENV_TENANTS_FILE + " or --tenants-file");
        }
        String text;
        try {
            text = decode(readBounded(file, MAX_FILE_BYTES), MAX_FILE_BYTES, "the file", "");
        } catch (IOException e) {
            throw fail("cannot be read (" + e.getClass().getSimpleName() + "); check its permissions");
        }
        if (text.isBlank()) {
            return null;
        }
        ObjectReader reader = (yaml ? YAML : Json.MAPPER).reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try {
            return reader.readTree(text);
        } catch (JacksonException e) {
            throw fail("is not valid " + (yaml ? "YAML" : "JSON") + where(e.getLocation()) + ": "
                    + withoutQuotes(e.getOriginalMessage()));
        }
    }

    private static byte[] readBounded(Path path, int max) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(max + 1);
        }
    }

    private String decode(byte[] bytes, int max, String what, String at) {
        String prefix = at.isEmpty() ? "" : at + ": ";
        if (bytes.length > max) {
            throw fail(prefix + what + " is larger than " + max / 1024 + " KiB; is it the right file?");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail(prefix + what + " is not UTF-8 text");
        }
    }

    /**
     * A parser's message quotes the text it choked on, which may be a secret written in clear: only quoted punctuation
     * and keywords are kept. Its Java details (source, token and class names) are of no use to an operator.
     */
    private static String withoutQuotes(String message) {
        String firstLine = message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error");
        java.util.regex.Matcher duplicate = DUPLICATE_KEY.matcher(firstLine);
        if (duplicate.matches()) { // a key name, not a value: worth showing
            return "key '" + duplicate.group(1) + "' appears twice in one mapping; keep one";
        }
        if (firstLine.startsWith("Trailing token")) {
            return "more content after the end of the document";
        }
        for (String javaDetail : List.of(" (for ", " at [Source", " (code ", " (`")) {
            int at = firstLine.indexOf(javaDetail);
            firstLine = at < 0 ? firstLine : firstLine.substring(0, at);
        }
        return QUOTED.matcher(firstLine).replaceAll(m -> SHOWN_QUOTED.matcher(m.group(2)).matches()
                ? java.util.regex.Matcher.quoteReplacement(m.group()) : m.group(1) + "…" + m.group(1)).strip();
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private void checkKeys(JsonNode node, List<String> allowed, String entry, String prefix) {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                String suggestion = allowed.stream().filter(a -> normalized(a).equals(normalized(key))).findFirst()
                        .map(a -> " (did you mean " + prefix + a + "?)").orElse("");
                throw fail(entry + ": unknown key '" + prefix + key + "'" + suggestion + "; allowed"
                        + (prefix.isEmpty() ? "" : " in " + prefix.substring(0, prefix.length() - 1)) + ": "
                        + String.join(", ", allowed));
            }
        }
    }

    /** {@code instanceUrl}, {@code instance-url} and {@code COUPA_INSTANCE_URL} are all meant as instance_url. */
    private static String normalized(String key) {
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return k.startsWith("coupa") && k.length() > "coupa".length() ? k.substring("coupa".length()) : k;
    }

    private JsonNode optionalList(JsonNode node, String key, String entry) {
        JsonNode list = node.get(key);
        if (list == null || list.isNull()) {
            return Json.array();
        }
        if (!list.isArray()) {
            throw fail(entry + ": " + key + " must be a list, e.g. " + key + ": ["
                    + (key.equals("principals") ? "agent-7" : "{env: ACME_MCP_TOKEN}") + "], not a " + kind(list));
        }
        return list;
    }

    private Integer optionalPositive(JsonNode node, String key, String entry) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw fail(entry + ": " + key + " must be a whole number of at least 1 (no quotes), or left out for no "
                    + "limit of the tenant's own");
        }
        return value.intValue();
    }

    private Boolean optionalBoolean(JsonNode node, String key, String entry) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw fail(entry + ": " + key + " must be true or false (no quotes), or left out for the server's setting");
        }
        return value.booleanValue();
    }

    private String requiredString(JsonNode value, String key, String what) {
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw fail(key + " must be " + what);
        }
        return value.asString().strip();
    }

    private ServerConfigException fail(String problem) {
        return new ServerConfigException("Tenants file " + file + ": " + problem);
    }

    private static String entry(int index, String name) {
        return "tenants[" + index + "] (" + name + ")";
    }

    private static String coupaKey(String variable) {
        return variable.substring(COUPA_PREFIX.length()).toLowerCase(Locale.ROOT);
    }

    /** CoupaConfig names its settings by variable; in the file they are keys of {@code coupa}. */
    private static String inFileTerms(String message) {
        return COUPA_VARIABLE.matcher(message)
                .replaceAll(m -> "coupa." + m.group(1).toLowerCase(Locale.ROOT))
                .replace(" or --client-id", "");
    }

    private static String example(String variable) {
        return switch (variable) {
            case CoupaConfig.ENV_INSTANCE_URL -> "e.g. instance_url: https://acme.coupahost.com";
            case CoupaConfig.ENV_CLIENT_ID -> "e.g. client_id: acme-mcp";
            case CoupaConfig.ENV_CLIENT_SECRET -> "e.g. client_secret: {env: ACME_COUPA_SECRET}";
            case CoupaConfig.ENV_SCOPES -> "e.g. scopes: \"core.invoice.read core.supplier.read\"";
            default -> "as " + variable + " takes it";
        };
    }

    private static String suggestedName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+", "");
        s = s.length() > 40 ? s.substring(0, 40) : s;
        return s.isEmpty() ? "acme" : s;
    }

    private static String hint(String given, Set<String> known) {
        String n = normalized(given);
        List<String> close = known.stream().filter(k -> normalized(k).equals(n) || normalized(k).startsWith(n)
                && !n.isEmpty() || n.startsWith(normalized(k)) && !normalized(k).isEmpty())
                .collect(Collectors.toList());
        return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "list";
        }
        if (node.isObject()) {
            return "mapping";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isString() ? "string" : node.isNumber() ? "number" : node.isBoolean() ? "boolean" : "value";
    }
}
