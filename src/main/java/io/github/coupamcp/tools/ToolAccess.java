package io.github.coupamcp.tools;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.coupamcp.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which of the server's tools a session sees and may call. The server's catalogue (everything the operator's
 * settings allow) is fixed at start; within it a tool is visible when its toolset is enabled for the session (or it
 * was named with {@code --tools}), Coupa granted its OAuth scope, and the request's narrowing allows it. Read-only,
 * toolset and tool settings are applied before: what they leave out is never in the catalogue, so nothing here can
 * add it back.
 *
 * <p>With dynamic toolsets, {@code list_toolsets} and {@code enable_toolset} let the agent enable more toolsets of the
 * catalogue for its own session. Listeners hear of every change of what some session sees (a toolset enabled,
 * scopes that hide tools), so the MCP layer can send {@code notifications/tools/list_changed}.
 */
public final class ToolAccess {
    private static final Logger LOG = LoggerFactory.getLogger(ToolAccess.class);
    public static final String LIST_TOOLSETS = "list_toolsets";
    public static final String ENABLE_TOOLSET = "enable_toolset";
    /** Per-session state outlives an idle HTTP session (30 min by default) and is then forgotten. */
    static final Duration SESSION_STATE_TTL = Duration.ofHours(2);
    static final long MAX_SESSIONS = 10_000;

    private final Map<String, ToolDefinition> tools = new LinkedHashMap<>();
    private final Map<String, Set<String>> scopes;
    private final UnpublishedTools unpublished;
    private final Set<String> allToolNames;
    private final Set<String> allToolsets;
    private final Set<String> initialToolsets;
    private final Set<String> pinnedTools;
    private final boolean dynamic;
    private final Toolsets toolsets;
    private final List<ToolDefinition> discovery;
    private final Cache<String, Set<String>> enabledBySession = Caffeine.newBuilder()
            .expireAfterAccess(SESSION_STATE_TTL).maximumSize(MAX_SESSIONS).build();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Set<String> granted; // null until Coupa said which scopes it granted
    /** False for {@link #everything}: names outside its list are the catalog's business (it says they are unknown). */
    private final boolean governsAll;

    ToolAccess(List<ToolSpec> catalogue, Set<String> allToolNames, Toolsets toolsets, Set<String> initialToolsets,
            Set<String> pinnedTools, boolean dynamic, UnpublishedTools unpublished) {
        this.unpublished = unpublished;
        Map<String, Set<String>> scopeByTool = new TreeMap<>();
        for (ToolSpec spec : catalogue) {
            tools.put(spec.name(), spec.definition());
            scopeByTool.put(spec.name(), new TreeSet<>(spec.block().requiredScopes()));
        }
        this.scopes = Map.copyOf(scopeByTool);
        this.allToolNames = Set.copyOf(allToolNames);
        this.allToolsets = toolsets.names();
        this.toolsets = toolsets;
        this.initialToolsets = Set.copyOf(initialToolsets);
        this.pinnedTools = Set.copyOf(pinnedTools);
        this.dynamic = dynamic && !initialToolsets.containsAll(enableable());
        this.discovery = this.dynamic ? DiscoveryTools.definitions(enableable()) : List.of();
        this.governsAll = true;
    }

    /** Every tool of {@code definitions} visible to everyone (a catalog without settings, as in tests). */
    public static ToolAccess everything(List<ToolDefinition> definitions) {
        return new ToolAccess(definitions);
    }

    private ToolAccess(List<ToolDefinition> definitions) {
        this.unpublished = UnpublishedTools.NONE;
        definitions.forEach(d -> tools.put(d.name(), d));
        this.scopes = Map.of();
        this.allToolNames = Set.copyOf(tools.keySet());
        Set<String> sets = new TreeSet<>();
        definitions.forEach(d -> sets.add(d.toolset()));
        this.allToolsets = sets;
        this.toolsets = null;
        this.initialToolsets = Set.copyOf(sets);
        this.pinnedTools = Set.of();
        this.dynamic = false;
        this.discovery = List.of();
        this.governsAll = false;
    }

    /** The server's catalogue: every tool some session may see, discovery tools last. */
    public List<ToolDefinition> catalogue() {
        List<ToolDefinition> all = new ArrayList<>(tools.values());
        all.addAll(discovery);
        return all;
    }

    /** The tools a new session sees before it enables anything (discovery tools aside). */
    public List<ToolDefinition> atStart() {
        return tools.values().stream()
                .filter(t -> pinnedTools.contains(t.name()) || initialToolsets.contains(t.toolset()))
                .filter(t -> missingScope(t.name()) == null)
                .toList();
    }

    /** Toolsets a new session may still enable. */
    public Set<String> enableableAtStart() {
        Set<String> more = new TreeSet<>(enableable());
        more.removeAll(initialToolsets);
        return more;
    }

    /** True when the agent can enable toolsets itself ({@code list_toolsets}, {@code enable_toolset}). */
    public boolean dynamic() {
        return dynamic;
    }

    public boolean isDiscoveryTool(String name) {
        return dynamic && (LIST_TOOLSETS.equals(name) || ENABLE_TOOLSET.equals(name));
    }

    /** Called whenever what a session sees changes. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public boolean visible(String name, ToolSession session) {
        return refusal(name, session).isEmpty();
    }

    /** Why {@code session} may not call {@code name}, as a message for the agent; empty when it may. */
    public Optional<String> refusal(String name, ToolSession session) {
        if (isDiscoveryTool(name)) {
            return session.narrowing().allowsName(name) ? Optional.empty() : Optional.of(narrowedOut(name));
        }
        ToolDefinition tool = tools.get(name);
        if (tool == null && !governsAll) {
            return Optional.empty();
        }
        if (tool == null) {
            return Optional.of("Unknown tool '" + name + "'" + ClosestNames.hint(name, tools.keySet())
                    + ". Call tools/list to see the available tools.");
        }
        String missing = missingScope(name);
        if (missing != null) {
            return Optional.of("Tool '" + name + "' needs the OAuth scope " + missing + ", which Coupa did not grant"
                    + " this server's token: the operator must grant it to the OAuth client in Coupa (and add it to"
                    + " COUPA_SCOPES if that is set) and restart the server.");
        }
        if (!session.narrowing().allows(tool)) {
            return Optional.of(narrowedOut(name));
        }
        if (!pinnedTools.contains(name) && !enabledToolsets(session).contains(tool.toolset())) {
            return Optional.of("Tool '" + name + "' belongs to the toolset '" + tool.toolset() + "', which is not"
                    + " enabled for this session: call " + ENABLE_TOOLSET + " with {\"toolset\": \"" + tool.toolset()
                    + "\"} first.");
        }
        return Optional.empty();
    }

    private static String narrowedOut(String name) {
        return "Tool '" + name + "' is not available to this request: its tool headers narrow the server's tools and"
                + " leave it out. Call tools/list to see the tools this request may use.";
    }

    /** The scopes {@code tool} needs and Coupa did not grant ("a, b"); null when granted or not known yet. */
    private String missingScope(String tool) {
        Set<String> grantedNow = granted;
        Set<String> required = scopes.get(tool);
        if (grantedNow == null || required == null) {
            return null;
        }
        List<String> missing = required.stream().filter(s -> !grantedNow.contains(s)).toList();
        return missing.isEmpty() ? null : String.join(", ", missing);
    }

    /** Why a tool this server knows is not in its catalogue, for a call naming it. */
    public UnpublishedTools unpublished() {
        return unpublished;
    }

    /**
     * Records the scopes Coupa granted (from its token answer); tools needing others are hidden from then on, and
     * listeners hear of it when that hides any tool.
     */
    public void grant(Set<String> scopes) {
        if (scopes == null) {
            return; // Coupa did not say: every tool stays, and a call short of a scope gets Coupa's 403
        }
        granted = Set.copyOf(scopes);
        Map<String, String> hidden = new TreeMap<>();
        tools.keySet().forEach(name -> {
            String missing = missingScope(name);
            if (missing != null) {
                hidden.put(name, missing);
            }
        });
        if (!hidden.isEmpty()) {
            LOG.warn("Coupa did not grant the OAuth scopes {}: hiding the tools that need them ({})",
                    new TreeSet<>(hidden.values()), hidden.keySet());
            listeners.forEach(Runnable::run);
        }
    }

    /** The toolsets enabled for {@code session}: those of the settings, plus the ones it enabled itself. */
    Set<String> enabledToolsets(ToolSession session) {
        Set<String> enabled = enabledBySession.getIfPresent(session.key());
        return enabled == null ? initialToolsets : enabled;
    }

    /** Toolsets of the catalogue: those a session may enable. */
    private Set<String> enableable() {
        Set<String> names = new TreeSet<>();
        tools.values().forEach(t -> names.add(t.toolset()));
        return names;
    }

    /** Tools of {@code toolset} that the session would see once it is enabled. */
    private List<String> toolsOf(String toolset, ToolSession session) {
        return tools.values().stream()
                .filter(t -> t.toolset().equals(toolset) && missingScope(t.name()) == null
                        && session.narrowing().allows(t))
                .map(ToolDefinition::name).toList();
    }

    /** The {@code list_toolsets} answer: every toolset this session could use, enabled or not, with its tools. */
    public ToolOutcome listToolsets(ToolSession session) {
        Set<String> enabled = enabledToolsets(session);
        ArrayNode list = Json.MAPPER.createArrayNode();
        StringBuilder text = new StringBuilder();
        for (String toolset : enableable()) {
            List<String> names = toolsOf(toolset, session);
            if (names.isEmpty() || !session.narrowing().allowsToolset(toolset)) {
                continue;
            }
            boolean on = enabled.contains(toolset);
            String description = toolsets == null ? null : toolsets.description(toolset).orElse(null);
            ObjectNode entry = list.addObject();
            entry.put("name", toolset);
            entry.put("enabled", on);
            entry.put("tool_count", names.size());
            if (description != null) {
                entry.put("description", description);
            }
            names.forEach(entry.putArray("tools")::add);
            text.append(toolset).append(on ? " (enabled): " : " (not enabled): ")
                    .append(description == null ? "" : description + " ")
                    .append(String.join(", ", names)).append('\n');
        }
        ObjectNode structured = Json.object();
        structured.set("toolsets", list);
        text.append("Enable one with ").append(ENABLE_TOOLSET).append(" {\"toolset\": \"<name>\"}.");
        return ToolOutcome.success(structured, text.toString());
    }

    /**
     * The {@code enable_toolset} call: enables a toolset of the catalogue for this session and tells the listeners,
     * so the client re-reads tools/list.
     */
    public ToolOutcome enableToolset(ObjectNode arguments, ToolSession session) {
        String toolset = arguments == null ? null : arguments.path("toolset").asString(null);
        Set<String> choices = new TreeSet<>(enableable());
        choices.removeIf(t -> !session.narrowing().allowsToolset(t) || toolsOf(t, session).isEmpty());
        if (toolset == null || toolset.isBlank()) {
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, "enable_toolset needs {\"toolset\":"
                    + " \"<name>\"}, one of: " + String.join(", ", choices) + ".");
        }
        if (!choices.contains(toolset)) {
            String why = !allToolsets.contains(toolset) ? "There is no toolset '" + toolset + "'"
                    + ClosestNames.hint(toolset, choices)
                    : enableable().contains(toolset) ? "The toolset '" + toolset + "' has no tool this request may use"
                    : "The toolset '" + toolset + "' is not published by this server (its operator left it out)";
            return ToolOutcome.error(ToolOutcome.Failure.INVALID_ARGUMENTS, why + ". Toolsets you can enable: "
                    + String.join(", ", choices) + ".");
        }
        List<String> added = toolsOf(toolset, session);
        boolean[] changed = {false};
        enabledBySession.asMap().compute(session.key(), (key, current) -> {
            Set<String> base = current == null ? initialToolsets : current;
            if (base.contains(toolset)) {
                return current;
            }
            Set<String> next = new LinkedHashSet<>(base);
            next.add(toolset);
            changed[0] = true;
            return Set.copyOf(next);
        });
        if (changed[0]) {
            listeners.forEach(Runnable::run);
        }
        ObjectNode structured = Json.object();
        structured.put("toolset", toolset);
        structured.put("enabled", true);
        structured.put("already_enabled", !changed[0]);
        added.forEach(structured.putArray("tools")::add);
        return ToolOutcome.success(structured, (changed[0] ? "Enabled " : "Already enabled: ") + toolset
                + ". Its tools: " + String.join(", ", added) + (changed[0]
                        ? " (tools/list now includes them; the server sent notifications/tools/list_changed)." : "."));
    }

    /**
     * Checks toolset names of a narrowing request against the catalogue. Names may be toolsets, {@code core} or
     * {@code all}; a name this server does not publish is refused, so a request can never add to its tools.
     *
     * @throws IllegalArgumentException naming the first bad name, the closest valid ones and the server's set
     */
    public Set<String> narrowToolsets(String label, Collection<String> names) {
        Set<String> published = enableable();
        Set<String> result = new TreeSet<>();
        for (String name : nonEmpty(label, names)) {
            switch (name) {
                case Toolsets.ALL -> result.addAll(published);
                case Toolsets.CORE -> {
                    Set<String> core = toolsets == null ? published : toolsets.core();
                    core.stream().filter(published::contains).forEach(result::add);
                }
                default -> {
                    if (!published.contains(name)) {
                        throw new IllegalArgumentException(label + ": " + (allToolsets.contains(name)
                                ? "the toolset '" + name + "' is not published by this server"
                                : "there is no toolset '" + name + "'" + ClosestNames.hint(name, published))
                                + "; this server publishes " + published + " and a request can only narrow them");
                    }
                    result.add(name);
                }
            }
        }
        return result;
    }

    /**
     * Checks tool names of a narrowing request: every name must be a tool this server publishes (including the
     * discovery tools).
     *
     * @throws IllegalArgumentException naming the first bad name and the closest valid ones
     */
    public Set<String> narrowTools(String label, Collection<String> names) {
        Set<String> published = new TreeSet<>();
        catalogue().forEach(t -> published.add(t.name()));
        Set<String> result = new TreeSet<>();
        for (String name : nonEmpty(label, names)) {
            if (!published.contains(name)) {
                throw new IllegalArgumentException(label + ": " + (allToolNames.contains(name)
                        ? "the tool '" + name + "' is not published by this server (read-only, excluded or not in"
                                + " its toolsets), and a request can only narrow its tools"
                        : "there is no tool '" + name + "'" + ClosestNames.hint(name, published)));
            }
            result.add(name);
        }
        return result;
    }

    /**
     * Checks the names a request excludes: unknown names are refused (a typo would otherwise leave the tool in);
     * tools the server does not publish anyway are accepted.
     */
    public Set<String> excludeTools(String label, Collection<String> names) {
        Set<String> known = new TreeSet<>(allToolNames);
        catalogue().forEach(t -> known.add(t.name()));
        for (String name : nonEmpty(label, names)) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(label + ": there is no tool '" + name + "'"
                        + ClosestNames.hint(name, known));
            }
        }
        return new TreeSet<>(names);
    }

    private static Collection<String> nonEmpty(String label, Collection<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException(label + " names nothing; leave it out to keep every tool");
        }
        return names;
    }
}
