package io.github.coupamcp.sandbox.data;

import java.util.Collection;

/**
 * All resources the sandbox serves. Built by the data generator, read and written by the HTTP layer.
 * Implementations are thread-safe.
 */
public interface SandboxStore {
    /** The collection served at {@code /api/<name>}, or null when the sandbox has no such resource. */
    SandboxCollection collection(String name);

    Collection<SandboxCollection> collections();
}
