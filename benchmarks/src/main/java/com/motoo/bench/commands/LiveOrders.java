package com.motoo.bench.commands;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The open orders of one symbol as the generator knows them, as (user, order id) pairs packed in
 * a long, with O(1) add, remove and uniform random pick. Iteration order plays no part in what is
 * generated: picks go by index, and indexes depend only on the order of adds and removes.
 * Generator thread only; allocates.
 */
final class LiveOrders {
    private long[] keys = new long[1024];
    private int size;
    private final Map<Long, Integer> slotOf = new HashMap<>();

    /** @return the key of a user's order */
    static long key(long userId, long orderId) {
        return userId << 32 | orderId;
    }

    /** @return the user of a key */
    static long userId(long key) {
        return key >>> 32;
    }

    /** @return the order id of a key */
    static long orderId(long key) {
        return key & 0xFFFF_FFFFL;
    }

    int size() {
        return size;
    }

    /** @return the key at an index below {@link #size()} */
    long get(int index) {
        return keys[index];
    }

    void add(long key) {
        if (slotOf.putIfAbsent(key, size) != null) {
            return;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key;
    }

    /** Removes the key if present; the last key takes its slot. */
    void remove(long key) {
        final Integer slot = slotOf.remove(key);
        if (slot == null) {
            return;
        }
        final long last = keys[--size];
        if (slot != size) {
            keys[slot] = last;
            slotOf.put(last, slot);
        }
    }
}
