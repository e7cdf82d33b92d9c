package io.github.coupamcp.tools;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Why a tool this server knows is not published: so that calling it says what would make it available (a toolset,
 * writes, read-only, an exclusion) instead of reading like a typo.
 */
public final class UnpublishedTools {
    public static final UnpublishedTools NONE = new UnpublishedTools(Map.of());

    private final Map<String, String> reasons;

    private UnpublishedTools(Map<String, String> reasons) {
        this.reasons = Map.copyOf(reasons);
    }

    /** The reasons of every tool of {@code all} that is not in {@code published}, under {@code settings}. */
    static UnpublishedTools of(List<ToolSpec> all, List<ToolSpec> published, ToolSettings settings) {
        Set<String> shown = new HashSet<>();
        published.forEach(s -> shown.add(s.name()));
        Map<String, String> reasons = new TreeMap<>();
        for (ToolSpec spec : all) {
            if (!shown.contains(spec.name())) {
                reasons.put(spec.name(), reason(spec, settings));
            }
        }
        return new UnpublishedTools(reasons);
    }

    private static String reason(ToolSpec spec, ToolSettings settings) {
        if (settings.excludedTools().contains(spec.name())) {
            return "the server's operator excluded it (--exclude-tools, COUPA_MCP_EXCLUDE_TOOLS)";
        }
        if (spec.block().writes() && settings.readOnly()) {
            return "it writes, and this server is read-only (--read-only, COUPA_MCP_READ_ONLY)";
        }
        if (spec.block().writes() && !settings.writesEnabled()) {
            return "it writes, and writes are off on this server: its operator enables them with --enable-writes "
                    + "(COUPA_MCP_ENABLE_WRITES=true)";
        }
        String toolset = spec.definition().toolset();
        return "it belongs to the toolset '" + toolset + "', which this server does not publish: its operator adds it "
                + "with --toolsets core," + toolset + " (COUPA_MCP_TOOLSETS)";
    }

    /** "Tool 'x' is not published here: …", or empty when the name is not a tool of this server at all. */
    public Optional<String> explain(String name) {
        String reason = reasons.get(name);
        return reason == null ? Optional.empty()
                : Optional.of("Tool '" + name + "' is not published by this server: " + reason + ".");
    }
}
