package io.github.coupamcp.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** What commands get from the outside world, passed in so that tests can run commands in-process. */
public record CliContext(Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
        BackendFactory backends) {}
