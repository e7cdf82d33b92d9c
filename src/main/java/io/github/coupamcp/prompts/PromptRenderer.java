package io.github.coupamcp.prompts;

import io.github.coupamcp.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Builds a prompt's text for the tools this server publishes: a paragraph naming a tool the catalog lacks is dropped,
 * a fallback paragraph ({@code unless}) gives way when the better tool is present. Argument values are inserted as
 * given, after checks (required present, none unknown, bounded length, no control characters).
 */
public final class PromptRenderer {
    /** Argument values are names, dates and amounts; a longer value is a mistake or an injection attempt. */
    public static final int MAX_VALUE_CHARS = 200;

    private final Set<String> capabilities;

    /** {@code capabilities}: tool names, and {@code tool.argument} for each argument a tool takes. */
    public PromptRenderer(Set<String> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
    }

    public static PromptRenderer forTools(List<ToolDefinition> tools) {
        Set<String> capabilities = new LinkedHashSet<>();
        for (ToolDefinition tool : tools) {
            capabilities.add(tool.name());
            JsonNode properties = tool.inputSchema() == null ? null : tool.inputSchema().get("properties");
            if (properties != null) {
                properties.propertyNames().forEach(p -> capabilities.add(tool.name() + "." + p));
            }
        }
        return new PromptRenderer(capabilities);
    }

    /** What this renderer considers present. */
    Set<String> capabilities() {
        return capabilities;
    }

    /** The prompt's text; {@link PromptArgumentsException} when the arguments do not fit its declaration. */
    public String render(PromptTemplate prompt, Map<String, String> arguments) {
        Map<String, String> values = check(prompt, arguments == null ? Map.of() : arguments);
        List<String> kept = new ArrayList<>();
        for (PromptTemplate.Paragraph p : prompt.paragraphs()) {
            if (applies(p, values)) {
                kept.add(fill(p.text(), values));
            }
        }
        return String.join("\n\n", kept);
    }

    private boolean applies(PromptTemplate.Paragraph p, Map<String, String> values) {
        if (!capabilities.containsAll(p.needs()) || p.unless().stream().anyMatch(capabilities::contains)) {
            return false;
        }
        Matcher tools = PromptLibrary.TOOL.matcher(p.text());
        while (tools.find()) {
            if (!capabilities.contains(tools.group(1))) {
                return false;
            }
        }
        Matcher args = PromptLibrary.ARGUMENT.matcher(p.text());
        while (args.find()) {
            if (!values.containsKey(args.group(1))) {
                return false;
            }
        }
        return true;
    }

    private static String fill(String text, Map<String, String> values) {
        String withTools = PromptLibrary.TOOL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        return PromptLibrary.ARGUMENT.matcher(withTools)
                .replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))));
    }

    /** The given values, trimmed, blank ones dropped; every problem reported at once. */
    private static Map<String, String> check(PromptTemplate prompt, Map<String, String> arguments) {
        Set<String> declared = prompt.arguments().stream().map(PromptTemplate.Argument::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        arguments.forEach((name, value) -> {
            if (!declared.contains(name)) {
                problems.add("unknown argument '" + name + "'");
            } else if (value != null && !value.isBlank()) {
                String v = value.strip();
                if (v.length() > MAX_VALUE_CHARS) {
                    problems.add(name + " is longer than " + MAX_VALUE_CHARS + " characters");
                } else if (v.chars().anyMatch(Character::isISOControl)) {
                    problems.add(name + " contains control characters (line breaks, tabs)");
                } else {
                    values.put(name, v);
                }
            }
        });
        for (PromptTemplate.Argument a : prompt.arguments()) {
            // a blank value counts as missing; a too long or garbled one is reported above already
            if (a.required() && !values.containsKey(a.name()) && problems.stream()
                    .noneMatch(p -> p.startsWith(a.name() + " "))) {
                problems.add("missing required argument '" + a.name() + "' (" + a.description() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new PromptArgumentsException("Invalid arguments for prompt " + prompt.name() + ": "
                    + String.join("; ", problems) + ". It takes: " + describe(prompt) + ".");
        }
        return values;
    }

    static String describe(PromptTemplate prompt) {
        if (prompt.arguments().isEmpty()) {
            return "no arguments";
        }
        return prompt.arguments().stream()
                .map(a -> a.name() + (a.required() ? " (required)" : " (optional)"))
                .collect(Collectors.joining(", "));
    }
}
