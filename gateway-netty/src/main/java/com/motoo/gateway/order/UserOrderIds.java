package com.motoo.gateway.order;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2LongHashMap;
import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * One user's order numbering and client-order-id map. The server numbers a user's orders 1, 2, 3,
 * ... (the engine stores such ids in two longs); an id whose PLACE was rejected is handed out again
 * so the numbering stays dense. A client order id is bound to its order from the PLACE on, and for
 * ever once the engine accepted it: only a PLACE that never got in (rejected, or refused as BUSY)
 * frees its client order id again.
 *
 * <p>What a name costs, so that it can be kept for ever:
 * <ul>
 *   <li>an order placed without a client order id is named {@code auto-<orderId>} by the server,
 *       and that name costs one bit (a set of server-named order ids), not a map entry (so does the
 *       name when a client chooses its own order's server name);</li>
 *   <li>a name a client chose is kept as a string while its order is in flight or open (about 20 to
 *       40 bytes of table per entry, plus the string, which the order's {@link OrderView} holds
 *       anyway);</li>
 *   <li>once its order is closed ({@link #retire}: filled, canceled, expired or reset away), only the
 *       name's 64-bit fingerprint (MurmurHash3) is kept, with the order id: 20 to 40 bytes of
 *       table, and no string (the open names' table shrinks again when its orders close).</li>
 * </ul>
 * A closed order's name still cannot be taken again, and still resolves to its order (whose modify
 * or cancel the engine then rejects as UNKNOWN_ORDER). Two different names with the same fingerprint
 * (for a user with a million closed named orders, a chance of about 5 in 10^14 per new name) make the
 * later one look taken by the closed order: such a PLACE is refused as a duplicate, and a modify or
 * cancel by it reaches that closed order, which the engine rejects. An open order is always found by
 * its exact name. Should two closed orders' names share a fingerprint, the later one keeps its string.
 *
 * <p>Thread-safe. Numbering is lock-free. The maps are guarded by this object's monitor, which I/O
 * threads (bind, look up, free), REST workers (look up), the housekeeping thread (retire), the
 * snapshot thread ({@link #snapshotInto}, not while it reads the closed names) and the start-up
 * restore take. The engine thread never waits for it: it queues the PLACEs it rejected
 * ({@link #releaseRejected}), and every operation under the monitor frees their client order ids
 * before anything else, so whoever learnt of the reject finds the id free; the orders it closed it
 * queues in the {@link OrderIdDirectory}.
 */
final class UserOrderIds {
    private static final String SERVER_NAME_PREFIX = "auto-";
    private static final int CLOSED_INITIAL_CAPACITY = 8;
    /** Fuller than the usual 0.65: the fingerprints are what a user's history costs. */
    private static final float CLOSED_LOAD_FACTOR = 0.8f;
    /** The open names' table is compacted when fewer than one slot in this many is used... */
    private static final int OPEN_SPARSENESS_TO_COMPACT = 8;
    /** ...and it has grown past this many slots (a small table is not worth rebuilding at every close). */
    private static final int OPEN_CAPACITY_TO_COMPACT = 1024;

    private final AtomicLong lastOrderId;
    private final ConcurrentLinkedQueue<Long> rejectedIds = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<OrderView> rejectedPlaces = new ConcurrentLinkedQueue<>();
    private final Object2LongHashMap<String> openNames;
    private final ClosedNames closedNames;
    private final BitSet serverNamed;

    UserOrderIds(long lastOrderId) {
        this(lastOrderId, new BitSet(), new Object2LongHashMap<>(0), closedNamesFor(0));
    }

    /**
     * A user's state as a snapshot held it ({@link ClientOrderSnapshot}); the maps become this object's.
     *
     * @param openNames names kept as strings, to their orders, with missing value 0
     * @param closedNames fingerprints of closed orders' names, to their orders, from {@link #closedNamesFor}
     */
    UserOrderIds(long lastOrderId, BitSet serverNamed, Object2LongHashMap<String> openNames, Long2LongHashMap closedNames) {
        this.lastOrderId = new AtomicLong(lastOrderId);
        this.serverNamed = serverNamed;
        this.openNames = openNames;
        this.closedNames = new ClosedNames(closedNames);
    }

    /** @return an empty table of closed names sized to take {@code expected} fingerprints without growing */
    static Long2LongHashMap closedNamesFor(int expected) {
        return new Long2LongHashMap(Math.max(CLOSED_INITIAL_CAPACITY, (int) (expected / CLOSED_LOAD_FACTOR) + 1),
            CLOSED_LOAD_FACTOR, 0);
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
        final long holder = holderOf(clientOrderId);
        if (holder == 0) {
            put(clientOrderId, orderId);
        }
        return holder;
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
        if (orderId <= Integer.MAX_VALUE && holderOf(name) == 0) {
            serverNamed.set((int) orderId);
            return name;
        }
        String other = name;
        for (int n = 1; holderOf(other) != 0; n++) {
            other = name + "." + n;
        }
        openNames.put(other, orderId);
        return other;
    }

    /** Binds a client order id whatever it was bound to (journal rebuild). */
    synchronized void rebind(String clientOrderId, long orderId) {
        unbindRejected();
        put(clientOrderId, orderId);
    }

    /**
     * Binds a name as a bit when it is the order's own server name (a client may choose it), else as a
     * string. Allocation-free unless the map grows.
     */
    private void put(String name, long orderId) {
        if (orderId <= Integer.MAX_VALUE && serverNameOrderId(name) == orderId) {
            serverNamed.set((int) orderId);
        } else {
            openNames.put(name, orderId);
        }
    }

    /** Frees a client order id if it is still bound to this order (its PLACE never got in). I/O threads. */
    synchronized void unbind(String clientOrderId, long orderId) {
        unbindRejected();
        free(clientOrderId, orderId);
    }

    /**
     * Keeps only the fingerprint of a closed order's name (see the class comment). A name that is
     * not bound to this order as a string (a server name, or one freed or never bound) is left as it is.
     */
    synchronized void retire(String clientOrderId, long orderId) {
        unbindRejected();
        final long fingerprint = fingerprint(clientOrderId);
        if (closedNames.get(fingerprint) != 0 || openNames.getValue(clientOrderId) != orderId) {
            return;
        }
        openNames.removeKey(clientOrderId);
        closedNames.add(fingerprint, orderId);
        if (openNames.capacity() > OPEN_CAPACITY_TO_COMPACT
            && openNames.size() * OPEN_SPARSENESS_TO_COMPACT < openNames.capacity()) {
            openNames.compact();
        }
    }

    /** @return the order a client order id is bound to (open, closed, or placed and not answered yet), or 0 */
    synchronized long orderIdOf(String clientOrderId) {
        unbindRejected();
        return holderOf(clientOrderId);
    }

    /** @return the order that holds a name (a server name, an open order's or a closed order's), or 0 */
    private long holderOf(String name) {
        final long serverNamedOrder = serverNamedOrder(name);
        if (serverNamedOrder != 0) {
            return serverNamedOrder;
        }
        final long open = openNames.getValue(name);
        return open != 0 ? open : closedNames.get(fingerprint(name));
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
        } else if (!openNames.remove(clientOrderId, orderId)) {
            closedNames.remove(fingerprint(clientOrderId), orderId);
        }
    }

    /** @return the name's 64-bit fingerprint (names are ASCII, checked on the way in) */
    private static long fingerprint(String name) {
        return MurmurHash3.hash128x64(name.getBytes(StandardCharsets.US_ASCII))[0];
    }

    /** @return the order a name of the form {@code auto-<orderId>} names because the server gave it, or 0 */
    private long serverNamedOrder(String name) {
        final long orderId = serverNameOrderId(name);
        return orderId != 0 && serverNamed.get((int) orderId) ? orderId : 0;
    }

    /** @return the order id in a name of the form {@code auto-<orderId>} (no leading zero, at most {@link Integer#MAX_VALUE}), or 0 */
    private static long serverNameOrderId(String name) {
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
        return orderId <= Integer.MAX_VALUE ? orderId : 0;
    }

    /**
     * @return about how many bytes {@link #snapshotInto} will write for this user, at least as many unless names are bound
     *         meanwhile; read without the monitor (sizes only), so that the snapshot's buffer grows before the monitor is
     *         taken, not under it. Any thread
     */
    int snapshotBytesEstimate() {
        final long bitsetWords = lastOrderId.get() / Long.SIZE + 1;
        final long bytes = ClientOrderSnapshot.USER_BYTES + bitsetWords * Long.BYTES
            + (long) openNames.size() * ClientOrderSnapshot.OPEN_NAME_BYTES
            + (long) closedNames.size() * ClientOrderSnapshot.CLOSED_NAME_BYTES;
        return (int) Math.min(Integer.MAX_VALUE - 8, bytes);
    }

    /**
     * Hands this user's names and numbering to a snapshot, after freeing the names of rejected
     * PLACEs. The monitor is held while the numbering, the server-named set and the open orders'
     * names are handed over (binds and look-ups of this user wait meanwhile, tens of ns a name,
     * BENCHMARKS.md; other users' do not), and not while the closed orders' names are, however many
     * the user's history holds: those are frozen as they stood at that moment and handed over after
     * the monitor is released ({@link ClosedNames}), then the changes made meanwhile are folded in
     * under it again. Snapshot thread, one snapshot at a time; allocates the server-named set's words
     * (and an overlay, when the user's names change meanwhile).
     *
     * @return the longer of the two holds of the monitor, ns: the longest this user's binds and look-ups waited for it
     */
    long snapshotInto(ClientOrderSnapshot.UserSink sink, long userId) {
        final int closed;
        final long firstHold;
        synchronized (this) {
            final long started = System.nanoTime();
            unbindRejected();
            sink.user(userId, lastOrderId.get(), serverNamed, openNames);
            closed = closedNames.freeze();
            firstHold = System.nanoTime() - started;
        }
        long secondHold;
        try {
            sink.closedNames(closed, closedNames.frozen());
        } finally {
            synchronized (this) {
                final long started = System.nanoTime();
                closedNames.thaw();
                secondHold = System.nanoTime() - started;
            }
        }
        return Math.max(firstHold, secondHold);
    }

    /**
     * @return the names kept as strings, by order id (start-up, on a snapshot's state: these are the
     *         names whose orders were in flight or open, or closed and not yet shrunk, when it was taken)
     */
    synchronized Long2ObjectHashMap<String> namesByOrderId() {
        unbindRejected();
        final Long2ObjectHashMap<String> names = new Long2ObjectHashMap<>();
        openNames.forEachLong((name, orderId) -> names.put(orderId, name));
        return names;
    }

    /** @return whether the order is named by the server ({@code auto-<orderId>}) */
    synchronized boolean isServerNamed(long orderId) {
        return orderId <= Integer.MAX_VALUE && serverNamed.get((int) orderId);
    }

    /**
     * Frees the server names of the orders after {@code afterOrderId} that the engine never used
     * (start-up, on a snapshot's state: their PLACEs were in flight when it was taken, then rejected).
     */
    synchronized void freeServerNamesUnused(long afterOrderId, LongPredicate used) {
        for (int id = serverNamed.nextSetBit((int) Math.min(Integer.MAX_VALUE, afterOrderId + 1)); id >= 0;
             id = id == Integer.MAX_VALUE ? -1 : serverNamed.nextSetBit(id + 1)) {
            if (!used.test(id)) {
                serverNamed.clear(id);
            }
        }
    }

    /** @return how many names are kept as strings (the server's own names are not among them; tests) */
    synchronized int clientNamesStored() {
        unbindRejected();
        return openNames.size();
    }

    /** @return how many closed orders' names are kept as fingerprints (tests) */
    synchronized int closedNamesStored() {
        unbindRejected();
        return closedNames.size();
    }

    /** @return the name the server gives an order placed without a client order id */
    static String serverName(long orderId) {
        return SERVER_NAME_PREFIX + orderId;
    }
}
