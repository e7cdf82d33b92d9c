package io.github.coupamcp.tools.schema;

/** A tool definition file that cannot be loaded; the message starts with the file's path. Fails start-up. */
public final class ToolSchemaException extends RuntimeException {
    private final String file;

    public ToolSchemaException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
