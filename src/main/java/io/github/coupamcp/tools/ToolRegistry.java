package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.scan.ScanOptions;
import io.github.coupamcp.shape.CursorCodec;
import io.github.coupamcp.shape.ReadAhead;
import io.github.coupamcp.shape.ResponseBudget;
import io.github.coupamcp.tools.schema.ClasspathSchemaSource;
import io.github.coupamcp.tools.schema.SchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaLoader;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The tools this server publishes, loaded once at start from {@code tools-schema/} (fails fast, naming the bad
 * file) and narrowed by the settings: enabled toolsets (by default the core ones, see {@link Toolsets}), and
 * read-only mode, which wins over everything.
 */
public final class ToolRegistry {
    private final ToolSettings settings;
    private final List<ToolSpec> specs;

    private ToolRegistry(ToolSettings settings, List<ToolSpec> specs) {
        this.settings = settings;
        this.specs = List.copyOf(specs);
    }

    /** Loads the definitions shipped on the classpath. */
    public static ToolRegistry load(ToolSettings settings) {
        return load(settings, new ClasspathSchemaSource());
    }

    public static ToolRegistry load(ToolSettings settings, SchemaSource source) {
        return load(settings, source, ToolKinds.BUILT_IN);
    }

    public static ToolRegistry load(ToolSettings settings, SchemaSource source, ToolKinds kinds) {
        Objects.requireNonNull(settings, "settings");
        List<ToolSpec> all = ToolSchemaLoader.load(source, kinds);
        Set<String> used = new TreeSet<>();
        all.forEach(s -> used.add(s.definition().toolset()));
        Set<String> toolsets = Toolsets.load(source, used).select(settings.enabledToolsets());
        List<ToolSpec> enabled = all.stream()
                .filter(s -> toolsets.contains(s.definition().toolset()))
                .filter(s -> !settings.readOnly() || s.definition().hints().readOnly())
                .toList();
        return new ToolRegistry(settings, enabled);
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
        ToolContext context = new ToolContext(client,
                new CursorCodec(settings.cursorKey(), settings.cursorTtl(), settings.clock()),
                new ResponseBudget(settings.responseBudgetChars()), ToolSettings.DEFAULT_PAGE_SIZE,
                ReadAhead.withDefaults(settings.clock()), ScanOptions.defaults()
                        .withMaxRequests(settings.scanMaxRequests()).withDeadline(settings.scanDeadline()),
                new AnswerCache(settings.answerCacheTtl(), settings.clock()),
                specs.stream().map(ToolSpec::name).collect(Collectors.toSet()));
        return new RegistryToolCatalog(specs, context);
    }
}
