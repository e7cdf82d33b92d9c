package io.github.coupamcp.sandbox.data;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The generated {@link SandboxStore}: a fixed set of collections over one {@link World}. */
final class DataStore implements SandboxStore {
    private final Map<String, SandboxCollection> collections = new LinkedHashMap<>();
    private final World world;

    DataStore(World world) {
        this.world = world;
    }

    void add(SandboxCollection c) {
        collections.put(c.name(), c);
    }

    @Override
    public SandboxCollection collection(String name) {
        return collections.get(name);
    }

    @Override
    public Collection<SandboxCollection> collections() {
        return Collections.unmodifiableCollection(collections.values());
    }

    World world() {
        return world;
    }
}
