package io.github.coupamcp.prompts;

import java.util.List;

/**
 * One prompt as declared in {@code prompts/<name>.json}: what MCP lists (name, title, description, arguments) and the
 * paragraphs its text is built from. A paragraph names tools as {@code [[tool]]} and arguments as {@code {{argument}}};
 * it is kept only when every tool it names (and every capability in {@code needs}) is in the catalog, none of
 * {@code unless} is, and every argument it uses was given. So a prompt names only tools the server has, and prefers an
 * aggregation tool the day it lands.
 */
public record PromptTemplate(String name, String title, String description, List<Argument> arguments,
        List<Paragraph> paragraphs) {
    public PromptTemplate {
        arguments = List.copyOf(arguments);
        paragraphs = List.copyOf(paragraphs);
    }

    /** A prompt argument; values are plain text of at most {@link PromptRenderer#MAX_VALUE_CHARS} characters. */
    public record Argument(String name, String description, boolean required) {}

    /**
     * @param text   the paragraph, with {@code [[tool]]} and {@code {{argument}}} references
     * @param needs  catalog capabilities required besides the tools named in the text: {@code tool} or
     *               {@code tool.argument} (a tool that takes that argument)
     * @param unless capabilities whose presence drops the paragraph (the fallback to a better tool)
     */
    public record Paragraph(String text, List<String> needs, List<String> unless) {
        public Paragraph {
            needs = List.copyOf(needs);
            unless = List.copyOf(unless);
        }
    }
}
