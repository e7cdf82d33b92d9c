package io.github.coupamcp.sandbox.data;

import java.util.Map;

/**
 * What every collection declares about itself: its resource name, XML roots and scopes. Subclasses add records,
 * rendering and writes. Public so that stand-in stores in tests share it instead of repeating it.
 */
public abstract class NamedCollection implements SandboxCollection {
    private final String name;
    private final String xmlRoot;
    private final String xmlListRoot;
    private final String readScope;
    private final String writeScope;

    /** {@code writeScope} null: the resource is read-only. */
    protected NamedCollection(String name, String xmlRoot, String xmlListRoot, String readScope, String writeScope) {
        this.name = name;
        this.xmlRoot = xmlRoot;
        this.xmlListRoot = xmlListRoot;
        this.readScope = readScope;
        this.writeScope = writeScope;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String xmlRoot() {
        return xmlRoot;
    }

    @Override
    public String xmlListRoot() {
        return xmlListRoot;
    }

    @Override
    public String readScope() {
        return readScope;
    }

    @Override
    public String writeScope() {
        return writeScope;
    }

    /** No actions unless a subclass serves some. */
    @Override
    public Map<String, String> actionScopes() {
        return Map.of();
    }
}
