package io.github.coupamcp.cli;

import io.github.coupamcp.tools.ToolDefinition;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "tools", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Print the tool catalogue: name, title and hints.",
        "Needs no credentials: nothing is contacted (--sandbox is accepted and changes nothing)."})
final class ToolsCommand extends ServerCommand {
    @Override
    public Integer call() {
        // The catalogue needs no connection: neither credentials nor the sandbox are required here.
        print(cli().backends().definitions(config()), cli().out());
        return 0;
    }

    static void print(List<ToolDefinition> tools, PrintStream out) {
        int nameWidth = tools.stream().mapToInt(t -> t.name().length()).max().orElse(4);
        int titleWidth = tools.stream().mapToInt(t -> String.valueOf(t.title()).length()).max().orElse(5);
        String format = "%-" + nameWidth + "s  %-" + titleWidth + "s  %s%n";
        out.printf(format, "NAME", "TITLE", "HINTS");
        for (ToolDefinition tool : tools) {
            out.printf(format, tool.name(), tool.title(), hints(tool.hints()));
        }
    }

    static String hints(ToolDefinition.Hints hints) {
        List<String> words = new ArrayList<>();
        words.add(hints.readOnly() ? "read-only" : "writes");
        if (hints.destructive()) {
            words.add("destructive");
        }
        if (hints.idempotent()) {
            words.add("idempotent");
        }
        if (hints.openWorld()) {
            words.add("open-world");
        }
        return String.join(", ", words);
    }
}
