package com.motoo.gateway.order;

import org.agrona.collections.Hashing;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongLongConsumer;

/**
 * The fingerprints of one user's closed orders' names, each to its order ({@link UserOrderIds}): a
 * table that grows with the user's whole history and that a snapshot reads without holding the
 * owner's monitor. Between {@link #freeze} and {@link #thaw} the table is not written: changes go to
 * an overlay (an order id, or {@link #REMOVED}), which every look-up reads first and {@link #thaw}
 * folds into the table. So while the snapshot thread reads the frozen table ({@link #forEachFrozen}),
 * binds, look-ups and retires under the monitor go on, each reading the table as well (reads only).
 *
 * <p>Not thread-safe by itself: every method but {@link #forEachFrozen} and {@link #size} is
 * called under the owner's monitor. {@link #forEachFrozen} is called between {@link #freeze} and
 * {@link #thaw} by the thread that froze the table, outside the monitor. At most one freeze at a time.
 */
final class ClosedNames {
    /** An overlay value: the fingerprint was removed while the table was frozen. Order ids are positive. */
    private static final long REMOVED = -1;
    private static final int OVERLAY_CAPACITY = 16;

    private final Long2LongHashMap table;
    private final LongLongConsumer foldIn = this::foldIn;
    /** Changes made while frozen; empty otherwise. Allocated at the first freeze. */
    private Long2LongHashMap overlay;
    private boolean frozen;
    /** How many fingerprints there are, table and overlay together. */
    private int size;

    /** @param table fingerprints to order ids, missing value 0 (from {@link UserOrderIds#closedNamesFor}); becomes this object's */
    ClosedNames(Long2LongHashMap table) {
        this.table = table;
        this.size = table.size();
    }

    /** @return the order whose name has this fingerprint, or 0 */
    long get(long fingerprint) {
        if (frozen) {
            final long changed = overlay.get(fingerprint);
            if (changed != 0) {
                return changed == REMOVED ? 0 : changed;
            }
        }
        return table.get(fingerprint);
    }

    /** Keeps a closed order's name's fingerprint; it must not be held yet ({@link #get} is 0). Allocation-free unless a table grows. */
    void add(long fingerprint, long orderId) {
        if (frozen) {
            overlay.put(fingerprint, orderId);
        } else {
            table.put(fingerprint, orderId);
        }
        size++;
    }

    /** Drops a fingerprint if it is held by this order. */
    void remove(long fingerprint, long orderId) {
        if (get(fingerprint) != orderId) {
            return;
        }
        if (frozen) {
            overlay.put(fingerprint, REMOVED);
        } else {
            table.remove(fingerprint);
        }
        size--;
    }

    /** @return how many fingerprints are held: exact under the monitor, an estimate from any other thread */
    int size() {
        return size;
    }

    /**
     * Stops writes to the table until {@link #thaw}: what {@link #forEachFrozen} then reads is the
     * state at this call.
     *
     * @return how many fingerprints {@link #forEachFrozen} will pass
     */
    int freeze() {
        if (overlay == null) {
            overlay = new Long2LongHashMap(OVERLAY_CAPACITY, Hashing.DEFAULT_LOAD_FACTOR, 0);
        }
        frozen = true;
        return table.size();
    }

    /** Passes every fingerprint as {@link #freeze} found them. Outside the monitor, by the thread that froze. */
    void forEachFrozen(LongLongConsumer each) {
        table.forEachLong(each);
    }

    /** Folds the changes made while frozen into the table and lets writes reach it again. Allocation-free unless the table grows. */
    void thaw() {
        overlay.forEachLong(foldIn);
        overlay.clear();
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
