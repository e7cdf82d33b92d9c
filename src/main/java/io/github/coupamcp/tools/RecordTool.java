package io.github.coupamcp.tools;

/**
 * A get tool seen as a way to read one record by id: what the MCP layer publishes as a resource template
 * ({@code coupa://<resource>/{id}}), so every get tool yields one without a hand-kept list.
 *
 * @param tool     the get tool to call with {@code {"id": n}}
 * @param resource Coupa URL segment ({@code invoices})
 * @param entity   singular noun ({@code invoice})
 * @param listTool the list tool that finds ids
 */
public record RecordTool(String tool, String resource, String entity, String listTool) {}
