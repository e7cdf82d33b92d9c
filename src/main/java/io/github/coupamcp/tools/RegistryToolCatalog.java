package io.github.coupamcp.tools;

import io.github.coupamcp.coupa.CoupaException;
import io.github.coupamcp.json.Json;
import io.github.coupamcp.shape.CursorException;
import io.github.coupamcp.shape.ResponseBudget;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog over loaded tool specs: validates arguments, dispatches to the tool's handler and turns every failure
 * into an actionable error outcome, so one bad call never stops the server.
 */
final class RegistryToolCatalog implements ToolCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryToolCatalog.class);

    private final List<ToolDefinition> definitions;
    private final Map<String, ToolSpec> specs = new LinkedHashMap<>();
    private final Map<String, ToolHandler> handlers = new LinkedHashMap<>();
    private final ResponseBudget budget;
    private final List<RecordTool> recordTools;
    private final CustomFieldSurvey customFields;
    private final UnpublishedTools unpublished;

    RegistryToolCatalog(List<ToolSpec> tools, ToolContext context, UnpublishedTools unpublished) {
        this.budget = context.budget();
        this.unpublished = unpublished;
        for (ToolSpec spec : tools) {
            specs.put(spec.name(), spec);
            handlers.put(spec.name(), spec.kind().handler(spec, context));
        }
        this.definitions = tools.stream().map(ToolSpec::definition).toList();
        List<ToolSpec> getTools = tools.stream().filter(s -> s.kind() instanceof GetKind).toList();
        this.recordTools = getTools.stream().map(RegistryToolCatalog::recordTool).toList();
        this.customFields = new CustomFieldSurvey(context.client(), getTools, Clock.systemUTC());
    }

    private static RecordTool recordTool(ToolSpec spec) {
        CoupaBinding b = spec.binding();
        return new RecordTool(spec.name(), b.resource(), b.entity(), b.listTool());
    }

    @Override
    public List<ToolDefinition> tools() {
        return definitions;
    }

    @Override
    public List<RecordTool> recordTools() {
        return recordTools;
    }

    @Override
    public ToolOutcome customFields() {
        try {
            return customFields.survey();
        } catch (RuntimeException e) {
            LOG.error("Custom field survey failed unexpectedly", e);
            return ToolOutcome.error("Internal error while listing custom fields; the server logged the details."
                    + " Retry once; if it fails again, report it to the server operator.");
        }
    }

    @Override
    public ToolOutcome call(String name, ObjectNode arguments) {
        return call(name, arguments, ToolProgress.NONE);
    }

    @Override
    public ToolOutcome call(String name, ObjectNode arguments, ToolProgress progress) {
        ToolSpec spec = specs.get(name);
        if (spec == null) {
            return ToolOutcome.error(unpublished.explain(name).orElse("Unknown tool '" + name + "'.")
                    + " Available tools: " + String.join(", ", specs.keySet()) + ".");
        }
        long start = System.nanoTime();
        ToolOutcome outcome = capped(spec, run(spec, arguments, progress));
        LOG.debug("tool {} {} in {} ms", name, outcome.isError() ? "failed" : "succeeded",
                (System.nanoTime() - start) / 1_000_000);
        return outcome;
    }

    /**
     * The one place where the budget is a hard cap on every result. Handlers fit their results (a page is cut, a
     * record trimmed, with a note); errors, which may quote Coupa at any length, are cut here; a result that still
     * does not fit is a handler bug, and the agent gets an error it can act on instead of the overflow.
     */
    private ToolOutcome capped(ToolSpec spec, ToolOutcome outcome) {
        if (outcome.isError()) {
            return ToolOutcome.error(outcome.failure(),
                    budget.cutToFit(outcome.text(), "... (message cut to fit the response budget)"));
        }
        if (budget.fits(outcome.structured(), outcome.text())) {
            return outcome;
        }
        LOG.warn("tool {} built a result of {} characters, over the response budget of {}", spec.name(),
                ResponseBudget.measure(outcome.structured(), outcome.text()), budget.maxChars());
        return ToolErrorMessages.overBudget(spec, budget.maxChars());
    }

    private ToolOutcome run(ToolSpec spec, ObjectNode arguments, ToolProgress progress) {
        ToolHandler handler = handlers.get(spec.name());
        ObjectNode args = null;
        try {
            args = ArgumentValidator.validate(spec, arguments == null ? Json.object() : arguments);
            return handler.handle(args, progress);
        } catch (InvalidArgumentsException e) {
            return ToolErrorMessages.invalidArguments(spec, e);
        } catch (CursorException e) {
            return ToolErrorMessages.cursor(spec, e);
        } catch (CoupaException e) {
            // status, path and request id only: never arguments or bodies
            LOG.warn("tool {}: Coupa {} {} failed with status {} (request id {})", spec.name(), e.method(), e.path(),
                    e.status(), e.requestId());
            return ToolErrorMessages.coupa(spec, e, args == null ? null : handler.subjectId(args));
        } catch (RuntimeException e) {
            return ToolErrorMessages.unexpected(spec, e);
        }
    }
}
