package com.motoo.engine.account;

import com.motoo.engine.book.Order;

import java.util.function.Consumer;

/**
 * One user's open orders by order id: an open-addressing table of the {@link Order} nodes
 * themselves, without a key array. A lookup reads one slot of one array and the order it needs
 * anyway, where {@code Long2ObjectHashMap} reads a key array, a value array and then the order
 * (its lookups were the engine's largest cost on MODIFY-heavy flow; BENCHMARKS.md, "Open orders by
 * id"). An id starts its linear probe at its Fibonacci hash (the id times 2^64 / golden ratio, top
 * bits), which spreads the consecutive ids the gateway hands out evenly over the table, so that
 * long-lived orders do not form one run that newer ids must walk. The table doubles at half full
 * and never shrinks. Engine thread only; allocation-free except when it grows.
 */
public final class OpenOrders {
    private static final int INITIAL_CAPACITY = 8;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Order[] slots = new Order[INITIAL_CAPACITY];
    private int mask = INITIAL_CAPACITY - 1;
    private int shift = Long.numberOfLeadingZeros(INITIAL_CAPACITY - 1);
    private int size;

    /** @return the open order with this id, or null */
    public Order get(long orderId) {
        return slots[find(orderId)];
    }

    /** @return the slot holding the order with this id, or else the empty slot that ends its probe */
    private int find(long orderId) {
        final Order[] slots = this.slots;
        final int mask = this.mask;
        int index = home(orderId, shift);
        Order order;
        while ((order = slots[index]) != null && order.orderId() != orderId) {
            index = (index + 1) & mask;
        }
        return index;
    }

    /** Adds an order; its id must not be open already. */
    public void put(Order order) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        insert(slots, mask, shift, order);
        size++;
    }

    /**
     * Removes the order with this id and closes the gap it leaves (each later order of the probe
     * run moves back if its start slot allows), so lookups never need tombstones.
     *
     * @return the removed order, or null if none was open under this id
     */
    public Order remove(long orderId) {
        final Order[] slots = this.slots;
        final int mask = this.mask;
        int gap = find(orderId);
        final Order removed = slots[gap];
        if (removed == null) {
            return null;
        }
        int index = gap;
        Order next;
        while ((next = slots[index = (index + 1) & mask]) != null) {
            final int home = home(next.orderId(), shift);
            if (((index - home) & mask) >= ((index - gap) & mask)) {
                slots[gap] = next;
                gap = index;
            }
        }
        slots[gap] = null;
        size--;
        return removed;
    }

    /** @return how many slots a lookup of {@code orderId} reads (1 when the id sits where its probe starts); tests check the spread with it */
    int probeLength(long orderId) {
        return ((find(orderId) - home(orderId, shift)) & mask) + 1;
    }

    /** @return the number of open orders */
    public int size() {
        return size;
    }

    /** Calls {@code action} with every open order, in no particular order (tests and checks; not for determinism-sensitive output). */
    public void forEach(Consumer<Order> action) {
        for (Order order : slots) {
            if (order != null) {
                action.accept(order);
            }
        }
    }

    private void grow() {
        final Order[] bigger = new Order[slots.length * 2];
        final int biggerMask = bigger.length - 1;
        final int biggerShift = shift - 1;
        for (Order order : slots) {
            if (order != null) {
                insert(bigger, biggerMask, biggerShift, order);
            }
        }
        slots = bigger;
        mask = biggerMask;
        shift = biggerShift;
    }

    /** @return the slot where the probe for {@code orderId} starts: the top bits of its Fibonacci hash */
    private static int home(long orderId, int shift) {
        return (int) ((orderId * GOLDEN) >>> shift);
    }

    private static void insert(Order[] slots, int mask, int shift, Order order) {
        int index = home(order.orderId(), shift);
        while (slots[index] != null) {
            index = (index + 1) & mask;
        }
        slots[index] = order;
    }
}
