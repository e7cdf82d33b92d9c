package io.github.coupamcp.sandbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Readers scanning every collection while writers submit, approve and reject never fail or see torn records. */
class ConcurrentReadWriteTest {
    @Test
    void readersAndWritersRunTogether() throws Exception {
        WriteFixture f = new WriteFixture();
        SandboxCollection invoices = f.c("invoices");
        SandboxCollection approvals = f.c("approvals");
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<Integer> reader = pool.submit(() -> {
            int rendered = 0;
            while (writing.get() || rendered == 0) {
                for (SandboxCollection c : f.store.collections()) {
                    for (long id : c.ids()) {
                        ObjectNode n = c.render(id);
                        if (n != null) {
                            assertThat(n.get("id").asLong()).isEqualTo(id);
                            rendered++;
                        }
                    }
                }
            }
            return rendered;
        });
        Future<Integer> writer = pool.submit(() -> {
            int changes = 0;
            for (long id : invoices.ids()) {
                ObjectNode inv = invoices.render(id);
                String status = inv.get("status").asString();
                if (status.equals("draft") || status.equals("new")) {
                    if (invoices.action(id, "submit", WriteFixture.json("{}"), Map.of()) instanceof WriteResult.Ok) {
                        changes++;
                    }
                }
            }
            for (long id : approvals.ids()) {
                String action = id % 3 == 0 ? "reject" : "approve";
                if (approvals.action(id, action, WriteFixture.json("{}"), Map.of()) instanceof WriteResult.Ok) {
                    changes++;
                }
            }
            return changes;
        });
        int changes;
        try {
            changes = writer.get(30, TimeUnit.SECONDS);
        } finally {
            writing.set(false); // a failed writer must not leave the reader spinning
        }
        int rendered = reader.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(changes).isPositive();
        assertThat(rendered).isPositive();
        for (long id : approvals.ids()) {
            assertThat(approvals.render(id).get("status").asString()).isIn("approved", "rejected");
        }
        for (long id : invoices.ids()) {
            assertThat(invoices.render(id).get("status").asString()).isNotIn("draft", "new");
        }
    }
}
