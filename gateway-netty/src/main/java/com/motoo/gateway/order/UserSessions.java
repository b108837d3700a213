package com.motoo.gateway.order;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The open, authenticated connections of each user, so execution reports reach every one of them.
 * Copy-on-write arrays per user: registration (rare, I/O threads) copies, lookup (every event,
 * engine thread) reads without locking.
 */
public final class UserSessions {
    private static final OrderEventSink[] NONE = new OrderEventSink[0];

    private final ConcurrentHashMap<Long, OrderEventSink[]> byUser = new ConcurrentHashMap<>();
    /** Set by {@link #exchangeStopping}: a connection added afterwards is told at once. */
    private volatile boolean stopping;

    /**
     * Adds an authenticated connection unless its user already has {@code max} (checked and added
     * atomically, so connections authenticating at once on several threads cannot pass it). Any thread.
     *
     * @return whether it was added
     */
    public boolean add(OrderEventSink sink, int max) {
        final boolean[] added = {false};
        byUser.compute(sink.userId(), (id, old) -> {
            if (old != null && old.length >= max) {
                return old;
            }
            final OrderEventSink[] sinks = old == null ? new OrderEventSink[1] : java.util.Arrays.copyOf(old, old.length + 1);
            sinks[sinks.length - 1] = sink;
            added[0] = true;
            return sinks;
        });
        if (added[0] && stopping) {
            sink.exchangeStopping(); // it signed in during the stop's wait: it closes as the others do
        }
        return added[0];
    }

    /** Removes a connection (closed). Any thread. */
    public void remove(OrderEventSink sink) {
        byUser.computeIfPresent(sink.userId(), (id, old) -> {
            int kept = 0;
            final OrderEventSink[] sinks = new OrderEventSink[old.length];
            for (OrderEventSink s : old) {
                if (s != sink) {
                    sinks[kept++] = s;
                }
            }
            return kept == 0 ? null : java.util.Arrays.copyOf(sinks, kept);
        });
    }

    /** @return the user's connections (do not modify the array); empty when none */
    public OrderEventSink[] of(long userId) {
        final OrderEventSink[] sinks = byUser.get(userId);
        return sinks == null ? NONE : sinks;
    }

    /** Ends every connection of a user, who was signed out everywhere ({@link OrderEventSink#signOut}). Any thread. */
    public void signOut(long userId) {
        for (OrderEventSink sink : of(userId)) {
            sink.signOut();
        }
    }

    /**
     * Ends every connection because the exchange is stopping ({@link OrderEventSink#exchangeStopping}), and
     * every one added from now on as it is added. Any thread.
     */
    public void exchangeStopping() {
        stopping = true;
        for (OrderEventSink[] sinks : byUser.values()) {
            for (OrderEventSink sink : sinks) {
                sink.exchangeStopping();
            }
        }
    }

    /** @return how many users have at least one connection */
    public int users() {
        return byUser.size();
    }
}
