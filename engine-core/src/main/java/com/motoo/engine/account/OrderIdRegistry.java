package com.motoo.engine.account;

import org.agrona.collections.LongHashSet;

import java.util.Arrays;

/**
 * The order ids a user has used, for ever. Stored as "every id up to {@link #contiguousUpTo()}"
 * plus a set of the used ids above it, so that a client numbering its orders 1, 2, 3, ... (as the
 * gateway does) costs two longs and no allocation however many orders it sends.
 */
public final class OrderIdRegistry {
    private long contiguousUpTo;
    private final LongHashSet above = new LongHashSet();

    /** @return whether the id was used before */
    public boolean isUsed(long orderId) {
        return orderId <= contiguousUpTo || above.contains(orderId);
    }

    /** Marks a positive id as used. */
    public void markUsed(long orderId) {
        if (orderId <= contiguousUpTo) {
            return;
        }
        if (orderId != contiguousUpTo + 1) {
            above.add(orderId);
            return;
        }
        contiguousUpTo = orderId;
        while (!above.isEmpty() && above.remove(contiguousUpTo + 1)) {
            contiguousUpTo++;
        }
    }

    /** @return the largest n such that every id from 1 to n is used */
    public long contiguousUpTo() {
        return contiguousUpTo;
    }

    /** @return the used ids above {@link #contiguousUpTo()}, ascending (allocates; for snapshots and hashes) */
    public long[] sparseIdsSorted() {
        final long[] ids = new long[above.size()];
        int i = 0;
        final LongHashSet.LongIterator it = above.iterator();
        while (it.hasNext()) {
            ids[i++] = it.nextValue();
        }
        Arrays.sort(ids);
        return ids;
    }

    /** Restores the registry (snapshot load). */
    public void restore(long contiguousUpTo, long[] sparseIds) {
        this.contiguousUpTo = contiguousUpTo;
        above.clear();
        for (long id : sparseIds) {
            above.add(id);
        }
    }
}
