package io.github.coupamcp.tools.schema;

import java.util.List;
import java.util.Optional;

/** Where tool files and fragments come from: the classpath in production, a directory in tests and tooling. */
public interface SchemaSource {
    /** Folder holding fragments, relative to the source root. */
    String FRAGMENTS = "_fragments";

    /** Tool files relative to the root, e.g. {@code invoices/list_invoices.json}, in a stable order. */
    List<String> toolFiles();

    /** The content of a file relative to the root, or empty when there is no such file. */
    Optional<String> read(String relativePath);

    /** How to name a file in error messages, e.g. {@code tools-schema/invoices/list_invoices.json}. */
    default String describe(String relativePath) {
        return "tools-schema/" + relativePath;
    }
}
