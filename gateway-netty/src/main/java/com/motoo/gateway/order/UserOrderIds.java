package com.motoo.gateway.order;

import org.agrona.collections.Object2LongHashMap;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One user's order numbering and client-order-id map. The server numbers a user's orders 1, 2, 3,
 * ... (the engine stores such ids in two longs); an id whose PLACE was rejected is handed out again
 * so the numbering stays dense. A client order id is bound to its order from the PLACE on, and for
 * ever once the engine accepted it: only a PLACE that never got in (rejected, or refused as BUSY)
 * frees its client order id again.
 *
 * <p>The map keeps one entry per order ever accepted, so it is an open-addressing map with
 * primitive values: about 20 to 40 bytes of table per entry, plus the client's id string itself
 * (about 60 bytes for a 20-character id), and no other object per order.
 *
 * <p>Thread-safe. Numbering is lock-free; the map is guarded by this object's monitor, which I/O
 * threads take to bind and look up, and the engine thread only to free the id of a rejected PLACE.
 */
final class UserOrderIds {
    private final AtomicLong lastOrderId;
    private final ConcurrentLinkedQueue<Long> rejectedIds = new ConcurrentLinkedQueue<>();
    private final Object2LongHashMap<String> byClientOrderId = new Object2LongHashMap<>(0);

    UserOrderIds(long lastOrderId) {
        this.lastOrderId = new AtomicLong(lastOrderId);
    }

    /** @return an order id the engine has not used for this user */
    long nextOrderId() {
        final Long reused = rejectedIds.poll();
        return reused != null ? reused : lastOrderId.incrementAndGet();
    }

    /** @return the highest order id handed out so far (or noted from the journal) */
    long lastOrderId() {
        return lastOrderId.get();
    }

    /** Makes sure ids up to {@code orderId} are never handed out (journal rebuild). */
    void noteUsed(long orderId) {
        lastOrderId.accumulateAndGet(orderId, Math::max);
    }

    /** Gives back the id of a rejected PLACE. */
    void release(long orderId) {
        rejectedIds.add(orderId);
    }

    /**
     * Binds a client order id to an order if the id is free. Allocation-free unless the map grows.
     *
     * @return 0 when it was free and is now bound, otherwise the order that holds it
     */
    synchronized long bind(String clientOrderId, long orderId) {
        return byClientOrderId.putIfAbsent(clientOrderId, orderId);
    }

    /** Binds a client order id whatever it was bound to (journal rebuild). */
    synchronized void rebind(String clientOrderId, long orderId) {
        byClientOrderId.put(clientOrderId, orderId);
    }

    /** Frees a client order id if it is still bound to this order (its PLACE never got in). */
    synchronized void unbind(String clientOrderId, long orderId) {
        byClientOrderId.remove(clientOrderId, orderId);
    }

    /** @return the order a client order id is bound to (accepted, or placed and not answered yet), or 0 */
    synchronized long orderIdOf(String clientOrderId) {
        return byClientOrderId.getValue(clientOrderId);
    }
}
