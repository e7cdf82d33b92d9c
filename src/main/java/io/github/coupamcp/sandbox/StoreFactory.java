package io.github.coupamcp.sandbox;

import io.github.coupamcp.sandbox.data.SandboxStore;

/** Where a sandbox's data comes from: the store given in the options. */
final class StoreFactory {
    private StoreFactory() {}

    static SandboxStore storeFor(SandboxOptions options) {
        if (options.store() == null) {
            throw new IllegalArgumentException("SandboxOptions.store(...) is required until the data generator is available");
        }
        return options.store();
    }
}
