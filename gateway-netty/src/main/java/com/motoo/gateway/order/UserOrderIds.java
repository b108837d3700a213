package com.motoo.gateway.order;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One user's order numbering and client-order-id map. The server numbers a user's orders 1, 2, 3,
 * ... (the engine stores such ids in two longs); an id whose PLACE was rejected is handed out again
 * so the numbering stays dense. A client order id maps to its order while the order is open.
 * Thread-safe: I/O threads allocate and look up, the engine thread releases.
 */
final class UserOrderIds {
    private final AtomicLong lastOrderId;
    private final ConcurrentLinkedQueue<Long> rejectedIds = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, Long> byClientOrderId = new ConcurrentHashMap<>();

    UserOrderIds(long lastOrderId) {
        this.lastOrderId = new AtomicLong(lastOrderId);
    }

    /** @return an order id the engine has not used for this user */
    long nextOrderId() {
        final Long reused = rejectedIds.poll();
        return reused != null ? reused : lastOrderId.incrementAndGet();
    }

    /** Makes sure ids up to {@code orderId} are never handed out (journal rebuild). */
    void noteUsed(long orderId) {
        lastOrderId.accumulateAndGet(orderId, Math::max);
    }

    /** Gives back the id of a rejected PLACE. */
    void release(long orderId) {
        rejectedIds.add(orderId);
    }

    /** @return whether the client order id was free and is now bound to the order */
    boolean bind(String clientOrderId, long orderId) {
        return byClientOrderId.putIfAbsent(clientOrderId, orderId) == null;
    }

    /** Binds a client order id whatever it was bound to (journal rebuild). */
    void rebind(String clientOrderId, long orderId) {
        byClientOrderId.put(clientOrderId, orderId);
    }

    /** Frees a client order id if it is still bound to this order. */
    void unbind(String clientOrderId, long orderId) {
        byClientOrderId.remove(clientOrderId, orderId);
    }

    /** @return the open order a client order id names, or 0 */
    long orderIdOf(String clientOrderId) {
        final Long orderId = byClientOrderId.get(clientOrderId);
        return orderId == null ? 0 : orderId;
    }
}
