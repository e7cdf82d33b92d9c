package io.github.coupamcp.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * The SDK's JSON Schema validator (it checks every structuredContent against the tool's outputSchema), created on
 * the first tool call instead of at start: loading it and its meta-schema is about a quarter of the classes a server
 * loads before it can answer {@code initialize}. The build-time meta-schema check of the published tool schemas is
 * left to the test suite (McpToolSchemasTest): the schemas are resources of this jar, not input.
 */
final class DeferredSchemaValidator implements JsonSchemaValidator {
    private volatile JsonSchemaValidator delegate;

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        return delegate().validate(schema, structuredContent);
    }

    private JsonSchemaValidator delegate() {
        JsonSchemaValidator loaded = delegate;
        if (loaded == null) {
            synchronized (this) {
                loaded = delegate;
                if (loaded == null) {
                    loaded = McpJsonDefaults.getSchemaValidator();
                    delegate = loaded;
                }
            }
        }
        return loaded;
    }
}
