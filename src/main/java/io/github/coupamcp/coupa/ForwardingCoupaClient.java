package io.github.coupamcp.coupa;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client passing every call to another: the base of decorators that watch or limit some calls (count lists, spend
 * a budget) and leave the rest alone.
 */
public abstract class ForwardingCoupaClient implements CoupaClient {
    private final CoupaClient delegate;

    protected ForwardingCoupaClient(CoupaClient delegate) {
        this.delegate = delegate;
    }

    protected CoupaClient delegate() {
        return delegate;
    }

    @Override
    public List<ObjectNode> list(String resource, CoupaQuery query) {
        return delegate.list(resource, query);
    }

    @Override
    public ObjectNode get(String resource, long id, Fields fields) {
        return delegate.get(resource, id, fields);
    }

    @Override
    public ObjectNode create(String resource, JsonNode body, Fields fields) {
        return delegate.create(resource, body, fields);
    }

    @Override
    public ObjectNode update(String resource, long id, JsonNode body, Fields fields) {
        return delegate.update(resource, id, body, fields);
    }

    @Override
    public ObjectNode action(String resource, long id, String action, JsonNode body, Fields fields) {
        return delegate.action(resource, id, action, body, fields);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
