package io.github.coupamcp.tools;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The kinds tool files may name: kind name to its block parser and handler factory. Only kinds with real handlers. */
public final class ToolKinds {
    public static final ToolKinds BUILT_IN = of(new ListKind(), new GetKind(), new AggregateKind(), new AgingKind(),
            new BacklogKind(), new MatchKind(), new DuplicatesKind(), new ProfileKind(),
            new CreateKind(), new ActionKind(), new QueryKind());

    private final Map<String, ToolKind> kinds;

    private ToolKinds(Map<String, ToolKind> kinds) {
        this.kinds = Collections.unmodifiableMap(kinds);
    }

    public static ToolKinds of(ToolKind... kinds) {
        Map<String, ToolKind> byName = new TreeMap<>();
        for (ToolKind kind : kinds) {
            if (byName.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalArgumentException("kind '" + kind.name() + "' registered twice");
            }
        }
        return new ToolKinds(byName);
    }

    /** These kinds and one more (tests register a kind of their own this way). */
    public ToolKinds with(ToolKind kind) {
        return of(Stream.concat(kinds.values().stream(), Stream.of(kind))
                .toArray(ToolKind[]::new));
    }

    public Optional<ToolKind> find(String name) {
        return Optional.ofNullable(kinds.get(name));
    }

    /** Known kind names, sorted. */
    public Set<String> names() {
        return kinds.keySet();
    }
}
