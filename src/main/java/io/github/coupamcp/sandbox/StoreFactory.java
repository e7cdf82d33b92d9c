package io.github.coupamcp.sandbox;

import io.github.coupamcp.sandbox.data.SandboxData;
import io.github.coupamcp.sandbox.data.SandboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a sandbox's data comes from: the store given in the options, or one generated from seed and scale. */
final class StoreFactory {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFactory.class);

    private StoreFactory() {}

    static SandboxStore storeFor(SandboxOptions options) {
        if (options.store() != null) {
            return options.store();
        }
        long start = System.nanoTime();
        SandboxStore store = SandboxData.generate(options.seed(), options.scale(), options.clock());
        LOG.info("Generated the {} sandbox data set (seed {}) in {} ms", options.scale().name().toLowerCase(
                java.util.Locale.ROOT), options.seed(), (System.nanoTime() - start) / 1_000_000);
        return store;
    }
}
