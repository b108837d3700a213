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
 * <p>Thread-safe. Numbering is lock-free. The map is guarded by this object's monitor, which I/O
 * threads (bind, look up, free), REST workers (look up) and the start-up restore take. The engine
 * thread never waits for it: it queues the
 * PLACEs it rejected ({@link #releaseRejected}), and every operation under the monitor frees their
 * client order ids before anything else, so whoever learnt of the reject finds the id free.
 */
final class UserOrderIds {
    private final AtomicLong lastOrderId;
    private final ConcurrentLinkedQueue<Long> rejectedIds = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<OrderView> rejectedPlaces = new ConcurrentLinkedQueue<>();
    private final Object2LongHashMap<String> byClientOrderId = new Object2LongHashMap<>(0);

    UserOrderIds(long lastOrderId) {
        this.lastOrderId = new AtomicLong(lastOrderId);
    }

    /** @return an order id the engine has not used for this user, a given-back one first */
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

    /** Gives back an order id the engine did not use; ids given back are handed out again first come, first served. */
    void release(long orderId) {
        rejectedIds.add(orderId);
    }

    /**
     * Frees the client order id of a PLACE the engine rejected and, unless the engine had used it
     * already, its order id. Engine thread; lock-free, allocates two queue nodes and a boxed order
     * id. The client order id is freed before the order id is handed out again and before any
     * later operation under the monitor.
     *
     * @param orderIdUsed whether the engine refused the order id itself (DUPLICATE_ORDER_ID): then
     *                    it is never handed out again
     */
    void releaseRejected(OrderView place, boolean orderIdUsed) {
        rejectedPlaces.add(place);
        if (!orderIdUsed) {
            release(place.orderId);
        }
    }

    /**
     * Binds a client order id to an order if the id is free. Allocation-free unless the map grows.
     *
     * @return 0 when it was free and is now bound, otherwise the order that holds it
     */
    synchronized long bind(String clientOrderId, long orderId) {
        unbindRejected();
        return byClientOrderId.putIfAbsent(clientOrderId, orderId);
    }

    /** Binds a client order id whatever it was bound to (journal rebuild). */
    synchronized void rebind(String clientOrderId, long orderId) {
        unbindRejected();
        byClientOrderId.put(clientOrderId, orderId);
    }

    /** Frees a client order id if it is still bound to this order (its PLACE never got in). I/O threads. */
    synchronized void unbind(String clientOrderId, long orderId) {
        unbindRejected();
        byClientOrderId.remove(clientOrderId, orderId);
    }

    /** @return the order a client order id is bound to (accepted, or placed and not answered yet), or 0 */
    synchronized long orderIdOf(String clientOrderId) {
        unbindRejected();
        return byClientOrderId.getValue(clientOrderId);
    }

    private void unbindRejected() {
        OrderView place;
        while ((place = rejectedPlaces.poll()) != null) {
            byClientOrderId.remove(place.clientOrderId, place.orderId);
        }
    }
}
