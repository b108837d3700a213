package com.motoo.engine.book;

import java.util.Arrays;

/**
 * A free list of {@link Order} nodes, preallocated so that placing and removing orders does not
 * allocate in steady state. Grows (allocates) only when more orders are open than ever before.
 * Engine thread only.
 */
public final class OrderPool {
    private Order[] free;
    private int freeCount;

    /** @param initialCapacity how many orders to preallocate */
    public OrderPool(int initialCapacity) {
        free = new Order[Math.max(16, initialCapacity)];
        for (int i = 0; i < initialCapacity; i++) {
            free[freeCount++] = new Order();
        }
    }

    /** @return a cleared order, from the free list if it has one */
    public Order acquire() {
        if (freeCount == 0) {
            return new Order();
        }
        final Order order = free[--freeCount];
        free[freeCount] = null;
        return order;
    }

    /** Clears an order that is no longer open and returns it to the free list. */
    public void release(Order order) {
        order.clear();
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = order;
    }
}
