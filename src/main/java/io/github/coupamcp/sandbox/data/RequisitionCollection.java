package io.github.coupamcp.sandbox.data;

import io.github.coupamcp.sandbox.data.Model.Requisition;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/requisitions}; rules in {@link RequisitionWrites}. */
final class RequisitionCollection extends BaseCollection<Requisition> {
    static final Set<String> CUSTOM_FIELDS = Set.of("cf-budget-code", "cf-capex");
    private static final String WRITE = "core.requisition.write";
    private static final Map<String, String> ACTIONS = Map.of("update_and_submit_for_approval", WRITE);
    private static final Map<String, String> COLLECTION_ACTIONS = Map.of("submit_for_approval", WRITE);

    private final RequisitionRenderer renderer;
    private final RequisitionWrites writes;

    RequisitionCollection(World world, RequisitionRenderer renderer, RequisitionWrites writes) {
        super(world, world.requisitions, "requisitions", "requisition-header", "requisition-headers",
                "core.requisition.read", WRITE);
        this.renderer = renderer;
        this.writes = writes;
    }

    @Override
    ObjectNode render(Requisition r) {
        return renderer.render(r);
    }

    @Override
    ObjectNode renderFields(Requisition r, Set<String> fields) {
        return renderer.render(r, fields);
    }

    @Override
    public Map<String, String> actionScopes() {
        return ACTIONS;
    }

    @Override
    public Map<String, String> collectionActionScopes() {
        return COLLECTION_ACTIONS;
    }

    @Override
    public WriteResult create(ObjectNode body) {
        ObjectNode in = Bodies.dashed(body);
        return createWith(RequisitionWrites.KEY, errors -> writes.create(in, errors));
    }

    /** POST /api/requisitions/submit_for_approval: create and submit in one step (all or nothing). */
    @Override
    public WriteResult collectionAction(String action, ObjectNode body, Map<String, String> params) {
        if (!COLLECTION_ACTIONS.containsKey(action)) {
            return WriteResult.unsupported("Unknown requisition action " + action);
        }
        ObjectNode in = Bodies.dashed(body);
        return createWith(RequisitionWrites.KEY, errors -> {
            Requisition r = writes.create(in, errors);
            return r == null ? null : writes.submit(r, errors);
        });
    }

    @Override
    public WriteResult update(long id, ObjectNode body) {
        ObjectNode in = Bodies.dashed(body);
        return changeWith(id, RequisitionWrites.KEY, (r, errors) -> writes.update(r, in, errors));
    }

    @Override
    public WriteResult action(long id, String action, ObjectNode body, Map<String, String> params) {
        if (!ACTIONS.containsKey(action)) {
            return unknownAction(id, "Unknown requisition action " + action);
        }
        ObjectNode in = Bodies.dashed(body);
        return changeWith(id, RequisitionWrites.KEY, (r, errors) -> {
            Requisition updated = in.isEmpty() ? r : writes.update(r, in, errors);
            return updated == null ? null : writes.submit(updated, errors);
        });
    }

    @Override
    public Set<String> customFieldNames() {
        return CUSTOM_FIELDS;
    }
}
