package io.github.coupamcp.tools;

import java.util.List;

/**
 * The README's tool table, between {@code <!-- tools:start -->} and {@code <!-- tools:end -->}; written with the other
 * generated files by {@link ToolArtefacts}.
 */
public final class ReadmeToolTable {
    public static final String START = "<!-- tools:start -->";
    public static final String END = "<!-- tools:end -->";

    private ReadmeToolTable() {}

    public static String render(List<ToolDefinition> tools) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!-- Generated from tools-schema/ by: " + ToolArtefacts.REGENERATE + " (do not edit). -->\n");
        sb.append("| Tool | Toolset | Title | Read-only | Description |\n");
        sb.append("|---|---|---|---|---|\n");
        for (ToolDefinition t : tools.stream().sorted((a, b) -> a.toolset().equals(b.toolset())
                ? a.name().compareTo(b.name()) : a.toolset().compareTo(b.toolset())).toList()) {
            sb.append("| `").append(t.name()).append("` | ").append(t.toolset()).append(" | ")
                    .append(cell(t.title())).append(" | ").append(t.hints().readOnly() ? "yes" : "no").append(" | ")
                    .append(cell(firstSentence(t.description()))).append(" |\n");
        }
        return sb.toString();
    }

    /** The README with its tool section replaced; fails when the markers are missing. */
    public static String replaceSection(String readme, String table) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("README.md needs the markers " + START + " and " + END
                    + " around the tool table");
        }
        return readme.substring(0, start + START.length()) + "\n" + table + readme.substring(end);
    }

    static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
