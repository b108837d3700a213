package com.motoo.gateway.order;

import org.agrona.collections.Object2LongHashMap;

import java.util.BitSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One user's order numbering and client-order-id map. The server numbers a user's orders 1, 2, 3,
 * ... (the engine stores such ids in two longs); an id whose PLACE was rejected is handed out again
 * so the numbering stays dense. A client order id is bound to its order from the PLACE on, and for
 * ever once the engine accepted it: only a PLACE that never got in (rejected, or refused as BUSY)
 * frees its client order id again.
 *
 * <p>An order placed without a client order id is named {@code auto-<orderId>} by the server, and
 * that name costs one bit (a set of server-named order ids), not a map entry: bots and REST users
 * who never name their orders add next to nothing however long the exchange runs. Names the
 * clients chose stay in an open-addressing map with primitive values: about 20 to 40 bytes of
 * table per entry, plus the id string itself (about 60 bytes for a 20-character id), for every
 * order ever accepted.
 *
 * <p>Thread-safe. Numbering is lock-free. The map is guarded by this object's monitor, which I/O
 * threads (bind, look up, free), REST workers (look up) and the start-up restore take. The engine
 * thread never waits for it: it queues the
 * PLACEs it rejected ({@link #releaseRejected}), and every operation under the monitor frees their
 * client order ids before anything else, so whoever learnt of the reject finds the id free.
 */
final class UserOrderIds {
    private static final String SERVER_NAME_PREFIX = "auto-";

    private final AtomicLong lastOrderId;
    private final ConcurrentLinkedQueue<Long> rejectedIds = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<OrderView> rejectedPlaces = new ConcurrentLinkedQueue<>();
    private final Object2LongHashMap<String> byClientOrderId = new Object2LongHashMap<>(0);
    private final BitSet serverNamed = new BitSet();

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
        final long serverNamedOrder = serverNamedOrder(clientOrderId);
        return serverNamedOrder != 0 ? serverNamedOrder : byClientOrderId.putIfAbsent(clientOrderId, orderId);
    }

    /**
     * Names an order placed without a client order id: {@code auto-<orderId>}, or
     * {@code auto-<orderId>.<n>} if a client chose that name for another order.
     *
     * @return the name now bound to the order
     */
    synchronized String bindServerName(long orderId) {
        unbindRejected();
        final String name = serverName(orderId);
        if (orderId <= Integer.MAX_VALUE && !byClientOrderId.containsKey(name)) {
            serverNamed.set((int) orderId);
            return name;
        }
        String other = name;
        for (int n = 1; byClientOrderId.putIfAbsent(other, orderId) != 0; n++) {
            other = name + "." + n;
        }
        return other;
    }

    /** Binds a client order id whatever it was bound to (journal rebuild). */
    synchronized void rebind(String clientOrderId, long orderId) {
        unbindRejected();
        if (orderId <= Integer.MAX_VALUE && clientOrderId.equals(serverName(orderId))) {
            serverNamed.set((int) orderId);
        } else {
            byClientOrderId.put(clientOrderId, orderId);
        }
    }

    /** Frees a client order id if it is still bound to this order (its PLACE never got in). I/O threads. */
    synchronized void unbind(String clientOrderId, long orderId) {
        unbindRejected();
        free(clientOrderId, orderId);
    }

    /** @return the order a client order id is bound to (accepted, or placed and not answered yet), or 0 */
    synchronized long orderIdOf(String clientOrderId) {
        unbindRejected();
        final long serverNamedOrder = serverNamedOrder(clientOrderId);
        return serverNamedOrder != 0 ? serverNamedOrder : byClientOrderId.getValue(clientOrderId);
    }

    private void unbindRejected() {
        OrderView place;
        while ((place = rejectedPlaces.poll()) != null) {
            free(place.clientOrderId, place.orderId);
        }
    }

    private void free(String clientOrderId, long orderId) {
        if (serverNamedOrder(clientOrderId) == orderId) {
            serverNamed.clear((int) orderId);
        } else {
            byClientOrderId.remove(clientOrderId, orderId);
        }
    }

    /** @return the order a name of the form {@code auto-<orderId>} names because the server gave it, or 0 */
    private long serverNamedOrder(String name) {
        if (!name.startsWith(SERVER_NAME_PREFIX) || name.length() == SERVER_NAME_PREFIX.length()
            || name.length() > SERVER_NAME_PREFIX.length() + 10 || name.charAt(SERVER_NAME_PREFIX.length()) == '0') {
            return 0;
        }
        long orderId = 0;
        for (int i = SERVER_NAME_PREFIX.length(); i < name.length(); i++) {
            final char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            orderId = orderId * 10 + (c - '0');
        }
        return orderId <= Integer.MAX_VALUE && serverNamed.get((int) orderId) ? orderId : 0;
    }

    /** @return how many names the map holds (the server's own names are not among them; tests) */
    synchronized int clientNamesStored() {
        unbindRejected();
        return byClientOrderId.size();
    }

    /** @return the name the server gives an order placed without a client order id */
    static String serverName(long orderId) {
        return SERVER_NAME_PREFIX + orderId;
    }
}
