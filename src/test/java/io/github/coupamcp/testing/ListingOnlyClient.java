package io.github.coupamcp.testing;

import io.github.coupamcp.coupa.CoupaClient;
import io.github.coupamcp.coupa.Fields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A fake Coupa that only lists: the base of test clients for code that never gets, writes or acts. */
public abstract class ListingOnlyClient implements CoupaClient {
    @Override
    public ObjectNode get(String resource, long id, Fields fields) {
        throw new UnsupportedOperationException("get is not faked here");
    }

    @Override
    public ObjectNode create(String resource, JsonNode body, Fields fields) {
        throw new UnsupportedOperationException("create is not faked here");
    }

    @Override
    public ObjectNode update(String resource, long id, JsonNode body, Fields fields) {
        throw new UnsupportedOperationException("update is not faked here");
    }

    @Override
    public ObjectNode action(String resource, long id, String action, JsonNode body, Fields fields) {
        throw new UnsupportedOperationException("action is not faked here");
    }

    @Override
    public void close() {
    }
}
