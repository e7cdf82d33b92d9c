package io.github.coupamcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routing across a reload: a session always reaches the endpoint holding it, an endpoint closes only when unused. */
class EndpointTableTest {
    /** A stand-in endpoint: a tenant name and the sessions it holds; equal only to itself, as endpoints are. */
    private static final class Fake {
        private final String name;
        private final Set<String> sessions;

        Fake(String name, String... sessions) {
            this.name = name;
            this.sessions = new HashSet<>(List.of(sessions));
        }

        String name() {
            return name;
        }

        Set<String> sessions() {
            return sessions;
        }
    }

    private final List<Fake> closed = new ArrayList<>();
    private final List<String> released = new ArrayList<>();

    private final EndpointTable.Endpoints<Fake> endpoints = new EndpointTable.Endpoints<>() {
        @Override
        public String name(Fake endpoint) {
            return endpoint.name();
        }

        @Override
        public boolean holds(Fake endpoint, String session) {
            return endpoint.sessions().contains(session);
        }

        @Override
        public int openSessions(Fake endpoint) {
            return endpoint.sessions().size();
        }

        @Override
        public void close(Fake endpoint, Runnable release) {
            closed.add(endpoint);
            release.run();
        }
    };

    @Test
    void sessionsStayOnTheEndpointTheyStartedOnAndNewOnesGoToTheNewOne() {
        Fake oldBeta = new Fake("beta", "s1");
        Fake gamma = new Fake("gamma", "g1");
        EndpointTable<Fake> table = new EndpointTable<>(endpoints, Map.of("beta", oldBeta, "gamma", gamma));
        Fake newBeta = new Fake("beta");
        table.replace(Map.of("beta", newBeta, "gamma", gamma), Map.of(oldBeta, () -> released.add("old beta")));

        assertThat(enterAndLeave(table, "beta", "s1")).isSameAs(oldBeta);
        assertThat(enterAndLeave(table, "beta", null)).isSameAs(newBeta);
        assertThat(enterAndLeave(table, "beta", "g1")).as("another tenant's session is never found").isSameAs(newBeta);
        assertThat(closed).isEmpty();

        oldBeta.sessions().clear(); // its last session ended
        enterAndLeave(table, "gamma", null);
        assertThat(closed).containsExactly(oldBeta);
        assertThat(released).containsExactly("old beta");
        assertThat(table.all()).containsExactlyInAnyOrder(newBeta, gamma);
    }

    /**
     * Seen once in the whole suite: a client's request arriving while a reload swapped the endpoints got 404 "session
     * not found", since the new endpoints served before the old ones were retired. The releases are looked up while
     * retiring: a request routed at that moment must still find its session.
     */
    @Test
    void aSessionIsFoundAtEveryMomentOfAReplacement() {
        Fake oldBeta = new Fake("beta", "s1");
        EndpointTable<Fake> table = new EndpointTable<>(endpoints, Map.of("beta", oldBeta));
        Fake newBeta = new Fake("beta");
        List<Fake> routedMeanwhile = new ArrayList<>();
        Map<Fake, Runnable> releases = new HashMap<>() {
            @Override
            public Runnable getOrDefault(Object key, Runnable fallback) {
                routedMeanwhile.add(enterAndLeave(table, "beta", "s1"));
                return super.getOrDefault(key, fallback);
            }
        };
        table.replace(Map.of("beta", newBeta), releases);

        assertThat(routedMeanwhile).isNotEmpty().containsOnly(oldBeta);
        assertThat(enterAndLeave(table, "beta", "s1")).isSameAs(oldBeta);
    }

    /** An initialize on a retired endpoint has no session there yet: the endpoint must not close under it. */
    @Test
    void aRetiredEndpointServingARequestIsClosedOnlyWhenItEnds() {
        Fake oldBeta = new Fake("beta");
        EndpointTable<Fake> table = new EndpointTable<>(endpoints, Map.of("beta", oldBeta));
        Fake inFlight = table.enter("beta", null); // an initialize routed just before the reload

        table.replace(Map.of("beta", new Fake("beta")), Map.of());
        assertThat(closed).as("no session yet, but a request is on it").isEmpty();

        oldBeta.sessions().add("s9"); // the initialize stored its session
        table.done(inFlight);
        assertThat(closed).isEmpty();
        assertThat(enterAndLeave(table, "beta", "s9")).isSameAs(oldBeta);

        oldBeta.sessions().clear();
        table.sweep();
        assertThat(closed).containsExactly(oldBeta);
    }

    @Test
    void stoppingClosesRetiredEndpointsWhateverTheyHold() {
        Fake oldBeta = new Fake("beta", "s1");
        EndpointTable<Fake> table = new EndpointTable<>(endpoints, Map.of("beta", oldBeta));
        table.replace(Map.of("beta", new Fake("beta")), Map.of());

        table.closeRetired();
        assertThat(closed).containsExactly(oldBeta);
        assertThat(table.hasRetired()).isFalse();
    }

    private static Fake enterAndLeave(EndpointTable<Fake> table, String tenant, String session) {
        Fake endpoint = table.enter(tenant, session);
        table.done(endpoint);
        return endpoint;
    }
}
