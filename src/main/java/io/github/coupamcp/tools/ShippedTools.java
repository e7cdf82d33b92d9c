package io.github.coupamcp.tools;

import io.github.coupamcp.tools.schema.ClasspathSchemaSource;
import io.github.coupamcp.tools.schema.SchemaSource;
import io.github.coupamcp.tools.schema.ToolSchemaLoader;
import java.util.List;

/**
 * The tool files of this jar, parsed and checked once per process: they cannot change while it runs, and parsing
 * them is the larger part of the start-up a desktop client waits for. {@link #prepare()} starts that on another
 * thread while the main thread still reads the command line; a bad file is reported by whoever asks next.
 */
public final class ShippedTools {
    static final SchemaSource SOURCE = new ClasspathSchemaSource();

    private static List<ToolSpec> specs; // guarded by ShippedTools.class

    private ShippedTools() {}

    /** Starts parsing on a daemon thread and returns at once. */
    public static void prepare() {
        Thread thread = new Thread(() -> {
            try {
                specs();
            } catch (RuntimeException e) {
                // the next caller parses again and reports it, as without a head start
            }
        }, "tools-schema");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every shipped tool, in index order; waits for a parse under way. */
    static synchronized List<ToolSpec> specs() {
        if (specs == null) {
            specs = List.copyOf(ToolSchemaLoader.load(SOURCE, ToolKinds.BUILT_IN));
        }
        return specs;
    }
}
