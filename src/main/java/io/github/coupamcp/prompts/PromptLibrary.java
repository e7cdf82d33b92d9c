package io.github.coupamcp.prompts;

import io.github.coupamcp.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The prompts shipped under {@code prompts/} on the classpath, one JSON file each, named by {@code prompts/index.json}
 * (a jar cannot be listed reliably; a test keeps the index in step with the folder). Loading fails fast, naming the
 * file, so a broken prompt never reaches a client.
 */
public final class PromptLibrary {
    public static final String ROOT = "prompts/";
    static final Pattern ARGUMENT = Pattern.compile("\\{\\{([a-z0-9_]+)}}");
    static final Pattern TOOL = Pattern.compile("\\[\\[([a-z0-9_]+)]]");
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");

    private PromptLibrary() {}

    /** Every shipped prompt, in index order. */
    public static List<PromptTemplate> load() {
        ClassLoader loader = PromptLibrary.class.getClassLoader();
        JsonNode index = parse(read(loader, "index.json"), "index.json");
        List<PromptTemplate> prompts = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode file : index.path("prompts")) {
            PromptTemplate prompt = parse(file.asString(), parse(read(loader, file.asString()), file.asString()));
            if (!names.add(prompt.name())) {
                throw new IllegalStateException(ROOT + file.asString() + ": duplicate prompt name " + prompt.name());
            }
            prompts.add(prompt);
        }
        if (prompts.isEmpty()) {
            throw new IllegalStateException(ROOT + "index.json: needs a \"prompts\" array of prompt files");
        }
        return List.copyOf(prompts);
    }

    /** Reads and checks one prompt file. */
    static PromptTemplate parse(String file, JsonNode json) {
        String where = ROOT + file;
        String name = required(json, "name", where);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException(where + ": name must be snake_case, got " + name);
        }
        List<PromptTemplate.Argument> arguments = new ArrayList<>();
        Set<String> argumentNames = new LinkedHashSet<>();
        for (JsonNode a : json.path("arguments")) {
            String argument = required(a, "name", where);
            if (!NAME.matcher(argument).matches() || !argumentNames.add(argument)) {
                throw new IllegalStateException(where + ": argument name invalid or repeated: " + argument);
            }
            arguments.add(new PromptTemplate.Argument(argument, required(a, "description", where),
                    a.path("required").asBoolean(false)));
        }
        List<PromptTemplate.Paragraph> paragraphs = new ArrayList<>();
        for (JsonNode p : json.path("paragraphs")) {
            PromptTemplate.Paragraph paragraph = p.isString()
                    ? new PromptTemplate.Paragraph(p.asString(), List.of(), List.of())
                    : new PromptTemplate.Paragraph(required(p, "text", where), strings(p.path("needs")),
                            strings(p.path("unless")));
            Matcher m = ARGUMENT.matcher(paragraph.text());
            while (m.find()) {
                if (!argumentNames.contains(m.group(1))) {
                    throw new IllegalStateException(where + ": paragraph uses undeclared argument {{" + m.group(1)
                            + "}}");
                }
            }
            paragraphs.add(paragraph);
        }
        if (paragraphs.isEmpty()) {
            throw new IllegalStateException(where + ": needs at least one paragraph");
        }
        return new PromptTemplate(name, required(json, "title", where), required(json, "description", where),
                arguments, paragraphs);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static String required(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new IllegalStateException(where + ": \"" + key + "\" is required (a non-empty string)");
        }
        return value.asString();
    }

    private static JsonNode parse(String text, String file) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalStateException(ROOT + file + ": invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static String read(ClassLoader loader, String file) {
        try (InputStream in = loader.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException(ROOT + file + ": missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + file, e);
        }
    }
}
