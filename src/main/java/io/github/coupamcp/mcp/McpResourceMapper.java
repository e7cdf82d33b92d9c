package io.github.coupamcp.mcp;

import io.github.coupamcp.json.Json;
import io.github.coupamcp.tools.RecordTool;
import io.github.coupamcp.tools.ToolAccess;
import io.github.coupamcp.tools.ToolCatalog;
import io.github.coupamcp.tools.ToolOutcome;
import io.github.coupamcp.tools.ToolSession;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes the catalog's records as MCP resources: one template {@code coupa://<resource>/{id}} per get tool, read
 * through that tool (so projection, budget and error messages are the tools' own), and {@code coupa://custom_fields}.
 * Failures are JSON-RPC errors with the tool's actionable message: a malformed id is invalid params, an unknown one
 * resource-not-found. The specifications are the SDK's stateless ones, whose handlers see only the request's transport
 * context: {@link McpServerFactory} hands them to session-bound servers as well.
 */
final class McpResourceMapper {
    private static final Logger log = LoggerFactory.getLogger(McpResourceMapper.class);

    static final String SCHEME = "coupa://";
    static final String CUSTOM_FIELDS_URI = SCHEME + "custom_fields";
    static final String JSON = "application/json";
    /** A Coupa id: a positive whole number that fits a long (18 digits always do). */
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

    private McpResourceMapper() {}

    static List<SyncResourceTemplateSpecification> templates(ToolCatalog catalog, InFlightCalls inFlight) {
        return templates(catalog, ToolAccess.everything(catalog.tools()), inFlight);
    }

    /** A record is read through its get tool, so only by a session and request that may call that tool. */
    static List<SyncResourceTemplateSpecification> templates(ToolCatalog catalog, ToolAccess access,
            InFlightCalls inFlight) {
        return catalog.recordTools().stream().map(record -> new SyncResourceTemplateSpecification(
                ResourceTemplate.builder(uriTemplate(record), record.resource())
                        .title(capitalize(record.entity()) + " by id")
                        .description("One Coupa " + record.entity() + " by id, as " + record.tool()
                                + " returns it (compact record, JSON). Find ids with " + record.listTool() + ".")
                        .mimeType(JSON)
                        .build(),
                (context, request) -> {
                    ToolSession session = ToolSessions.of(context);
                    access.refusal(record.tool(), session).ifPresent(refusal -> {
                        throw error(ErrorCodes.INVALID_PARAMS, request.uri(), "Reading " + request.uri() + " calls "
                                + record.tool() + ". " + refusal);
                    });
                    return guarded(request.uri(), inFlight, () -> readRecord(catalog, record, request.uri()));
                }))
                .toList();
    }

    static List<SyncResourceSpecification> resources(ToolCatalog catalog, InFlightCalls inFlight) {
        if (catalog.recordTools().isEmpty()) {
            return List.of();
        }
        return List.of(new SyncResourceSpecification(
                Resource.builder(CUSTOM_FIELDS_URI, "custom_fields")
                        .title("Custom fields per record type")
                        .description("The custom fields invoices, purchase orders and suppliers have on this Coupa"
                                + " instance, observed on the newest records (Coupa's API lists no definitions), with"
                                + " how often each is set and an example value. Cached for a few minutes.")
                        .mimeType(JSON)
                        .build(),
                (context, request) -> guarded(request.uri(), inFlight,
                        () -> contents(request.uri(), catalog.customFields(), null))));
    }

    static String uriTemplate(RecordTool record) {
        return SCHEME + record.resource() + "/{id}";
    }

    static ReadResourceResult readRecord(ToolCatalog catalog, RecordTool record, String uri) {
        String prefix = SCHEME + record.resource() + "/";
        String id = uri.startsWith(prefix) ? uri.substring(prefix.length()) : "";
        if (!ID.matcher(id).matches()) {
            throw error(ErrorCodes.INVALID_PARAMS, uri, "The id in " + uri + " is not a Coupa id: it must be a"
                    + " positive whole number, e.g. " + prefix + "1. Find ids with " + record.listTool() + ".");
        }
        ObjectNode arguments = Json.object();
        arguments.put("id", Long.parseLong(id));
        return contents(uri, catalog.call(record.tool(), arguments), "item");
    }

    /** The outcome as JSON text (its {@code member}, or all of it when null), notes as a second, plain-text part. */
    private static ReadResourceResult contents(String uri, ToolOutcome outcome, String member) {
        if (outcome.isError()) {
            int code = switch (outcome.failure()) {
                case INVALID_ARGUMENTS -> ErrorCodes.INVALID_PARAMS;
                case NOT_FOUND -> ErrorCodes.RESOURCE_NOT_FOUND;
                case FAILED -> ErrorCodes.INTERNAL_ERROR;
            };
            throw error(code, uri, outcome.text());
        }
        JsonNode body = member == null ? outcome.structured() : outcome.structured().get(member);
        List<ResourceContents> parts = new ArrayList<>();
        parts.add(TextResourceContents.builder(uri, Json.MAPPER.writeValueAsString(body)).mimeType(JSON).build());
        JsonNode notes = member == null ? null : outcome.structured().get("notes");
        if (notes != null && !notes.isEmpty()) {
            List<String> lines = new ArrayList<>();
            notes.forEach(n -> lines.add("Note: " + n.asString()));
            parts.add(TextResourceContents.builder(uri, String.join("\n", lines)).mimeType("text/plain").build());
        }
        return ReadResourceResult.builder(parts).build();
    }

    /** Protocol errors pass; anything else is a bug, logged here and answered without its details. */
    private static ReadResourceResult guarded(String uri, InFlightCalls inFlight, Supplier<ReadResourceResult> read) {
        try {
            return inFlight.track(read);
        } catch (McpError e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Reading resource {} failed unexpectedly", uri, e);
            throw error(ErrorCodes.INTERNAL_ERROR, uri, "Internal error while reading " + uri
                    + "; the server logged the details. Try again; if it keeps failing, report it to the server's"
                    + " operator.");
        }
    }

    private static McpError error(int code, String uri, String message) {
        return McpError.builder(code).message(message).data(Map.of("uri", uri)).build();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
