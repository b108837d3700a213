package com.motoo.gateway.order;

import org.agrona.collections.Hashing;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongLongConsumer;

/**
 * The fingerprints of one user's closed orders' names, each to its order ({@link UserOrderIds}): a
 * table that grows with the user's whole history and that a snapshot reads without holding the
 * owner's monitor. Between {@link #freeze} and {@link #thaw} the table is not written: changes go to
 * an overlay (an order id, or {@link #REMOVED}), which every look-up reads first and {@link #thaw}
 * folds into the table. So while the snapshot thread reads the frozen table ({@link #frozen}),
 * binds, look-ups and retires under the monitor go on, each reading the table as well (reads only).
 *
 * <p>Not thread-safe by itself: it is built before its owner is shared, and every method but
 * {@link #size} is called under the owner's monitor, except that the {@link Frozen} view is read
 * between {@link #freeze} and {@link #thaw} by the thread that froze the table, outside the monitor.
 * One freeze at a time ({@link #freeze} refuses a second).
 */
final class ClosedNames {
    /** An overlay value: the fingerprint was removed while the table was frozen. Order ids are positive. */
    private static final long REMOVED = -1;
    private static final int OVERLAY_CAPACITY = 16;

    /** The table as {@link #freeze} left it: what a snapshot may read outside the monitor, and nothing else. */
    @FunctionalInterface
    interface Frozen {
        /** Passes every fingerprint with its order id, as they stood at the freeze. */
        void forEach(LongLongConsumer each);
    }

    private final Long2LongHashMap table;
    private final LongLongConsumer foldIn = this::foldIn;
    private final Frozen frozenView;
    /** Changes made while frozen: null until the first one, and again after {@link #thaw}. */
    private Long2LongHashMap overlay;
    private boolean frozen;
    /** How many fingerprints there are, table and overlay together. */
    private int size;

    /** @param table fingerprints to order ids, missing value 0 (from {@link UserOrderIds#closedNamesFor}); becomes this object's */
    ClosedNames(Long2LongHashMap table) {
        this.table = table;
        this.size = table.size();
        this.frozenView = table::forEachLong;
    }

    /** @return the order whose name has this fingerprint, or 0 */
    long get(long fingerprint) {
        if (overlay != null) {
            final long changed = overlay.get(fingerprint);
            if (changed != 0) {
                return changed == REMOVED ? 0 : changed;
            }
        }
        return table.get(fingerprint);
    }

    /** Keeps a closed order's name's fingerprint; it must not be held yet ({@link #get} is 0). Allocation-free unless a table grows. */
    void add(long fingerprint, long orderId) {
        write(fingerprint, orderId);
        size++;
    }

    /** Drops a fingerprint if it is held by this order. */
    void remove(long fingerprint, long orderId) {
        if (get(fingerprint) != orderId) {
            return;
        }
        if (frozen) {
            write(fingerprint, REMOVED);
        } else {
            table.remove(fingerprint);
        }
        size--;
    }

    private void write(long fingerprint, long value) {
        if (!frozen) {
            table.put(fingerprint, value);
            return;
        }
        if (overlay == null) {
            overlay = new Long2LongHashMap(OVERLAY_CAPACITY, Hashing.DEFAULT_LOAD_FACTOR, 0);
        }
        overlay.put(fingerprint, value);
    }

    /** @return how many fingerprints are held: exact under the monitor, an estimate from any other thread */
    int size() {
        return size;
    }

    /**
     * Stops writes to the table until {@link #thaw}: what {@link #frozen} then passes is the state at
     * this call.
     *
     * @return how many fingerprints {@link #frozen} will pass
     * @throws IllegalStateException when the table is frozen already (a second snapshot at once)
     */
    int freeze() {
        if (frozen) {
            throw new IllegalStateException("the closed names are frozen already: one snapshot at a time");
        }
        frozen = true;
        return table.size();
    }

    /** @return the frozen table, to read outside the monitor until {@link #thaw} (the thread that froze it) */
    Frozen frozen() {
        return frozenView;
    }

    /**
     * Folds the changes made while frozen into the table and lets writes reach it again. Allocation-free
     * unless the table grows; the overlay, if changes made one, is dropped.
     */
    void thaw() {
        if (overlay != null) {
            overlay.forEachLong(foldIn);
            overlay = null;
        }
        frozen = false;
    }

    private void foldIn(long fingerprint, long orderId) {
        if (orderId == REMOVED) {
            table.remove(fingerprint);
        } else {
            table.put(fingerprint, orderId);
        }
    }
}
