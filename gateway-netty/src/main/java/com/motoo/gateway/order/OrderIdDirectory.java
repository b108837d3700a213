package com.motoo.gateway.order;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * Every user's {@link UserOrderIds}, created on first use, and the orders the engine closed whose
 * names wait to be shrunk to fingerprints. Thread-safe; finding a user who exists takes no lock
 * (the engine thread relies on that), creating one may.
 */
final class OrderIdDirectory {
    private final ConcurrentHashMap<Long, UserOrderIds> users = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<OrderView> closed = new ConcurrentLinkedQueue<>();

    /** @return the user's numbering, created empty if new */
    UserOrderIds of(long userId) {
        final UserOrderIds ids = users.get(userId);
        return ids != null ? ids : users.computeIfAbsent(userId, id -> new UserOrderIds(0));
    }

    /** Adds a user's state read from a snapshot (start-up, before any user is looked up). */
    void install(long userId, UserOrderIds ids) {
        users.put(userId, ids);
    }

    /**
     * Calls {@code action} with every user, each once; a user created meanwhile may be left out, one
     * that existed before the call never is. Any thread; boxes each user id.
     */
    void forEach(BiConsumer<Long, UserOrderIds> action) {
        users.forEach(action);
    }

    /**
     * Notes that an order is closed (filled, canceled, expired, or dropped by an account reset), so
     * that {@link #retireClosed} keeps only its name's fingerprint. Engine thread; lock-free,
     * allocates a queue node.
     */
    void closed(OrderView order) {
        if (order.clientOrderId != null) {
            closed.add(order);
        }
    }

    /** Shrinks the names of the orders {@link #closed} since the last call. Housekeeping thread; never throws. */
    void retireClosed() {
        OrderView order;
        while ((order = closed.poll()) != null) {
            try {
                of(order.userId).retire(order.clientOrderId, order.orderId);
            } catch (RuntimeException bug) {
                System.err.println("motoo gateway: could not shrink the name of order " + order.orderId + " of user "
                    + order.userId + " (it stays a string): " + bug);
            }
        }
    }
}
