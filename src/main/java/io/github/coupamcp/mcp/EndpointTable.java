package io.github.coupamcp.mcp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which endpoint serves a request of a tenant (see {@link TenantRouting}): the tenant's current one, or for a request
 * naming a session, the one holding it. A reload replaces endpoints; a replaced one is retired, kept for its sessions
 * and for the requests it is serving, and closed once it has neither. At no moment of a replacement is a session
 * routed to an endpoint that does not hold it: an endpoint is retired before its successor serves.
 *
 * @param <E> the endpoint type
 */
final class EndpointTable<E> {
    /** What the table needs to know of an endpoint. */
    interface Endpoints<E> {
        String name(E endpoint);

        boolean holds(E endpoint, String session);

        int openSessions(E endpoint);

        /** Closes a retired endpoint and runs its release. */
        void close(E endpoint, Runnable release);
    }

    private record Retired<E>(E endpoint, Runnable release) {}

    private final Endpoints<E> endpoints;
    private volatile Map<String, E> current;
    private final List<Retired<E>> retired = new CopyOnWriteArrayList<>();
    private final Map<E, Integer> serving = new IdentityHashMap<>(); // guarded by this

    EndpointTable(Endpoints<E> endpoints, Map<String, E> initial) {
        this.endpoints = endpoints;
        this.current = Map.copyOf(initial);
    }

    /**
     * The endpoint for a request of {@code tenant} naming {@code session} (or null), counted as serving it until
     * {@link #done}: a retired endpoint is not closed under a request, such as an initialize whose session it has not
     * stored yet.
     */
    synchronized E enter(String tenant, String session) {
        E endpoint = endpoint(tenant, session);
        serving.merge(endpoint, 1, Integer::sum);
        return endpoint;
    }

    /** The request {@link #enter} counted is over; a retired endpoint left with nothing to serve is closed. */
    void done(E endpoint) {
        synchronized (this) {
            serving.computeIfPresent(endpoint, (e, count) -> count == 1 ? null : count - 1);
        }
        if (!retired.isEmpty()) {
            sweep();
        }
    }

    private E endpoint(String tenant, String session) {
        E now = current.get(tenant);
        if (session == null || retired.isEmpty() || endpoints.holds(now, session)) {
            return now;
        }
        for (Retired<E> old : retired) {
            if (endpoints.name(old.endpoint()).equals(tenant) && endpoints.holds(old.endpoint(), session)) {
                return old.endpoint();
            }
        }
        return now;
    }

    /**
     * Serves {@code next} from now on. Endpoints no longer in it are retired first, then the new ones serve: a request
     * in between still finds the session it names.
     */
    void replace(Map<String, E> next, Map<E, Runnable> releases) {
        synchronized (this) {
            for (E old : current.values()) {
                if (!next.containsValue(old)) {
                    retired.add(new Retired<>(old, releases.getOrDefault(old, () -> { })));
                }
            }
            current = Map.copyOf(next);
        }
        sweep();
    }

    /**
     * Closes the retired endpoints that hold no session and serve no request; closing (sessions, a Coupa connection)
     * happens outside the lock every request takes.
     */
    void sweep() {
        for (Retired<E> old : takeUnused()) {
            endpoints.close(old.endpoint(), old.release());
        }
    }

    private synchronized List<Retired<E>> takeUnused() {
        List<Retired<E>> unused = new ArrayList<>();
        for (Retired<E> old : retired) {
            if (endpoints.openSessions(old.endpoint()) == 0 && !serving.containsKey(old.endpoint())) {
                unused.add(old);
            }
        }
        retired.removeAll(unused);
        return unused;
    }

    boolean hasRetired() {
        return !retired.isEmpty();
    }

    /** The endpoints serving new sessions, by tenant name. */
    Map<String, E> current() {
        return current;
    }

    /** Every endpoint, current and retired. */
    Collection<E> all() {
        List<E> all = new ArrayList<>(current.values());
        retired.forEach(old -> all.add(old.endpoint()));
        return all;
    }

    /** Closes the retired endpoints, whatever they hold (the server is stopping). */
    void closeRetired() {
        List<Retired<E>> all;
        synchronized (this) {
            all = List.copyOf(retired);
            retired.clear();
        }
        for (Retired<E> old : all) {
            endpoints.close(old.endpoint(), old.release());
        }
    }
}
