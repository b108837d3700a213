package com.motoo.engine.book;

import com.motoo.engine.command.Side;

import java.util.Arrays;

/**
 * One side of a book: its price levels kept in a sorted array with the best level last, so that
 * the busy end (top of book) shifts least on insert and remove. Lookup is a binary search; the
 * best level is O(1); depth is read in O(levels). Empty levels go back to a small free list.
 * Engine thread only; allocation-free once the arrays have grown to the working size.
 */
public final class BookSide {
    private final Side side;
    private PriceLevel[] levels = new PriceLevel[64];
    /**
     * {@code keys[i] == keyOf(levels[i].price)}, ascending: the binary search reads one primitive
     * array, not every level it probes, and compares without asking which side it is on.
     */
    private long[] keys = new long[64];
    private int count;
    private PriceLevel[] free = new PriceLevel[64];
    private int freeCount;

    BookSide(Side side) {
        this.side = side;
    }

    /** @return which side this is */
    public Side side() {
        return side;
    }

    /** @return the number of price levels */
    public int levelCount() {
        return count;
    }

    /** @return the number of orders resting on this side, summed over its levels in O(levels) */
    public int orderCount() {
        int orders = 0;
        for (int i = 0; i < count; i++) {
            orders += levels[i].orderCount();
        }
        return orders;
    }

    /** @return the best level (highest bid, lowest ask), or null when empty */
    public PriceLevel best() {
        return count == 0 ? null : levels[count - 1];
    }

    /**
     * @param rank 0 for the best level, 1 for the next, ...
     * @return the level at that rank; rank must be below {@link #levelCount()}
     */
    public PriceLevel level(int rank) {
        return levels[count - 1 - rank];
    }

    /** @return whether {@code a} is a better price than {@code b} on this side */
    public boolean isBetter(long a, long b) {
        return side == Side.BUY ? a > b : a < b;
    }

    /** Appends an order at the back of the level for its price, creating the level if needed. */
    void add(Order order) {
        final int index = search(order.price);
        final PriceLevel level;
        if (index >= 0) {
            level = levels[index];
        } else {
            level = newLevel(order.price);
            insertAt(-index - 1, level);
        }
        level.append(order);
    }

    /** Takes an order out of its level, dropping the level if it empties. */
    void remove(Order order) {
        final PriceLevel level = order.level;
        level.unlink(order);
        if (level.isEmpty()) {
            removeLevel(level);
        }
    }

    /** Drops an empty level (after the matcher emptied it). */
    void removeLevel(PriceLevel level) {
        final int index = search(level.price);
        System.arraycopy(levels, index + 1, levels, index, count - index - 1);
        System.arraycopy(keys, index + 1, keys, index, count - index - 1);
        levels[--count] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = level;
    }

    /** @return the sort key of a price: the price for bids, its negation for asks, so that better is larger on both sides */
    private long keyOf(long price) {
        return side == Side.BUY ? price : -price;
    }

    /**
     * Binary search in the keys, which ascend in "goodness" (best level last). Branch-free: each
     * step keeps or moves the base with a conditional move, since which way a price lies is as
     * good as random to the branch predictor.
     *
     * @return the index of the level with this price, or (-(insertion point) - 1)
     */
    private int search(long price) {
        if (count == 0) {
            return -1;
        }
        final long key = keyOf(price);
        final long[] keys = this.keys;
        int base = 0;
        int n = count;
        while (n > 1) {
            final int half = n >>> 1;
            base = keys[base + half] < key ? base + half : base;
            n -= half;
        }
        final int lowerBound = keys[base] < key ? base + 1 : base;
        return lowerBound < count && keys[lowerBound] == key ? lowerBound : -(lowerBound + 1);
    }

    private void insertAt(int index, PriceLevel level) {
        if (count == levels.length) {
            levels = Arrays.copyOf(levels, count * 2);
            keys = Arrays.copyOf(keys, count * 2);
        }
        System.arraycopy(levels, index, levels, index + 1, count - index);
        System.arraycopy(keys, index, keys, index + 1, count - index);
        levels[index] = level;
        keys[index] = keyOf(level.price);
        count++;
    }

    private PriceLevel newLevel(long price) {
        final PriceLevel level = freeCount > 0 ? free[--freeCount] : new PriceLevel();
        free[freeCount] = null;
        level.reset(price);
        return level;
    }
}
