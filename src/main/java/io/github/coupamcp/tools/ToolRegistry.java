package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.shape.CursorCodec;
import io.github.coupamcp.shape.ReadAhead;
import io.github.coupamcp.shape.ResponseBudget;
import io.github.coupamcp.tools.schema.SchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaLoader;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools this server publishes, loaded once at start from {@code tools-schema/} (fails fast, naming the bad
 * file) and narrowed by the settings: enabled toolsets (by default the core ones, see {@link Toolsets}) or, with
 * dynamic toolsets, every toolset (the agent enables the ones beyond those); tools named one by one; excluded tools;
 * write tools only when writes are enabled; and read-only mode, which wins over everything. Unknown names are errors
 * naming the closest known ones.
 */
public final class ToolRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ToolRegistry.class);

    private final ToolSettings settings;
    private final List<ToolSpec> specs;
    private final ToolAccess access;
    private final Confirmations confirmations;

    private ToolRegistry(ToolSettings settings, List<ToolSpec> specs, ToolAccess access) {
        this.settings = settings;
        this.specs = List.copyOf(specs);
        this.access = access;
        this.confirmations = new Confirmations(cursorCodec(settings), settings.confirmationTtl(),
                settings.clock(), settings.askHumanAbove());
    }

    private static CursorCodec cursorCodec(ToolSettings settings) {
        return new CursorCodec(settings.cursorKey(), settings.cursorTtl(), settings.clock());
    }

    /** Loads the definitions shipped on the classpath (parsed once per process, see {@link ShippedTools}). */
    public static ToolRegistry load(ToolSettings settings) {
        return load(settings, ShippedTools.SOURCE, ShippedTools.specs());
    }

    public static ToolRegistry load(ToolSettings settings, SchemaSource source) {
        return load(settings, source, ToolKinds.BUILT_IN);
    }

    public static ToolRegistry load(ToolSettings settings, SchemaSource source, ToolKinds kinds) {
        Objects.requireNonNull(settings, "settings");
        return load(settings, source, ToolSchemaLoader.load(source, kinds));
    }

    private static ToolRegistry load(ToolSettings settings, SchemaSource source, List<ToolSpec> all) {
        Set<String> used = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        all.forEach(s -> {
            used.add(s.definition().toolset());
            names.add(s.name());
        });
        Toolsets declared = Toolsets.load(source, used);
        checkToolNames("the tools to publish", settings.tools(), names);
        checkToolNames("the tools to exclude", settings.excludedTools(), names);
        // naming tools without toolsets publishes only those tools
        Set<String> initial = settings.enabledToolsets().isEmpty() && !settings.tools().isEmpty()
                ? Set.of() : declared.select(settings.enabledToolsets());
        Set<String> catalogueToolsets = settings.dynamicToolsets() ? declared.names() : initial;
        List<ToolSpec> named = all.stream()
                .filter(s -> catalogueToolsets.contains(s.definition().toolset())
                        || settings.tools().contains(s.name()))
                .filter(s -> !settings.excludedTools().contains(s.name()))
                .toList();
        // write tools exist only with writes enabled; read-only wins over everything, also over a named write tool
        List<ToolSpec> writable = named.stream()
                .filter(s -> settings.writesEnabled() || !s.block().writes())
                .toList();
        List<ToolSpec> enabled = writable.stream()
                .filter(s -> !settings.readOnly() || s.definition().hints().readOnly())
                .toList();
        if (enabled.size() < writable.size()) {
            Set<String> writes = new TreeSet<>();
            writable.stream().filter(s -> !enabled.contains(s)).forEach(s -> writes.add(s.name()));
            LOG.info("read-only: not publishing the write tools {}", writes);
        }
        ToolAccess access = new ToolAccess(enabled, names, declared, initial, settings.tools(),
                settings.dynamicToolsets(), UnpublishedTools.of(all, enabled, settings));
        return new ToolRegistry(settings, enabled, access);
    }

    private static void checkToolNames(String what, Set<String> requested, Set<String> known) {
        for (String name : new TreeSet<>(requested)) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown tool '" + name + "' in " + what
                        + ClosestNames.hint(name, known) + "; the tools command lists every tool");
            }
        }
    }

    /** Which tools each session sees and may call; the catalogue of the MCP server. */
    public ToolAccess access() {
        return access;
    }

    public List<ToolDefinition> definitions() {
        return specs.stream().map(ToolSpec::definition).toList();
    }

    /** Loaded specs with their kinds, blocks and examples (for tooling and the tool walk). */
    public List<ToolSpec> specs() {
        return specs;
    }

    /** The OAuth scopes the enabled tools need; the default for COUPA_SCOPES. */
    public Set<String> requiredScopes() {
        Set<String> scopes = new TreeSet<>();
        specs.forEach(s -> scopes.addAll(s.block().scopes()));
        return Collections.unmodifiableSet(scopes);
    }

    /** A catalog calling Coupa through {@code client}; cheap, one per client. */
    public ToolCatalog catalog(CoupaClient client) {
        Objects.requireNonNull(client, "client");
        ToolContext context = new ToolContext(client, cursorCodec(settings),
                new ResponseBudget(settings.responseBudgetChars()), ToolSettings.DEFAULT_PAGE_SIZE,
                ReadAhead.withDefaults(settings.clock()), ScanOptions.defaults()
                        .withMaxRequests(settings.scanMaxRequests()).withDeadline(settings.scanDeadline())
                        .withConcurrency(settings.scanConcurrency()),
                new AnswerCache(settings.answerCacheTtl(), settings.clock()),
                specs.stream().map(ToolSpec::name).collect(Collectors.toSet()), confirmations);
        return new RegistryToolCatalog(specs, context, access.unpublished());
    }
}
