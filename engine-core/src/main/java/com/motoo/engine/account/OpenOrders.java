package com.motoo.engine.account;

import com.motoo.engine.book.Order;

import java.util.function.Consumer;

/**
 * One user's open orders by order id: an open-addressing table of the {@link Order} nodes
 * themselves, in which order id {@code n} starts its search at slot {@code n & mask} and probes
 * linearly. There is no hash mixing and no key array: the gateway numbers each user's orders
 * 1, 2, 3, ..., so a user's open orders sit in neighbouring slots of one array, and a lookup reads
 * that array and the order it needs anyway (compared with {@code Long2ObjectHashMap}, which reads a
 * key array, a value array and the order: 26% of the engine's time on MODIFY-heavy flow, see
 * BENCHMARKS.md). Ids chosen otherwise (command files) stay correct; ids that share their low bits
 * only make probe runs longer. The table doubles at half full and never shrinks.
 * Engine thread only; allocation-free except when it grows.
 */
public final class OpenOrders {
    private static final int INITIAL_CAPACITY = 8;

    private Order[] slots = new Order[INITIAL_CAPACITY];
    private int mask = INITIAL_CAPACITY - 1;
    private int size;

    /** @return the open order with this id, or null */
    public Order get(long orderId) {
        final Order[] slots = this.slots;
        final int mask = this.mask;
        int index = (int) orderId & mask;
        Order order;
        while ((order = slots[index]) != null) {
            if (order.orderId() == orderId) {
                return order;
            }
            index = (index + 1) & mask;
        }
        return null;
    }

    /** Adds an order; its id must not be open already. */
    public void put(Order order) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        insert(slots, mask, order);
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
        int gap = (int) orderId & mask;
        Order removed;
        while ((removed = slots[gap]) != null && removed.orderId() != orderId) {
            gap = (gap + 1) & mask;
        }
        if (removed == null) {
            return null;
        }
        int index = gap;
        Order next;
        while ((next = slots[index = (index + 1) & mask]) != null) {
            final int home = (int) next.orderId() & mask;
            if (((index - home) & mask) >= ((index - gap) & mask)) {
                slots[gap] = next;
                gap = index;
            }
        }
        slots[gap] = null;
        size--;
        return removed;
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
        for (Order order : slots) {
            if (order != null) {
                insert(bigger, biggerMask, order);
            }
        }
        slots = bigger;
        mask = biggerMask;
    }

    private static void insert(Order[] slots, int mask, Order order) {
        int index = (int) order.orderId() & mask;
        while (slots[index] != null) {
            index = (index + 1) & mask;
        }
        slots[index] = order;
    }
}
