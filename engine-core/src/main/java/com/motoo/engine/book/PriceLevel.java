package com.motoo.engine.book;

/**
 * All resting orders at one price on one side, in time order (head first), with their total
 * open quantity. Pooled by its {@link BookSide}; engine thread only.
 */
public final class PriceLevel {
    long price;
    long totalQty;
    int orderCount;
    Order head;
    Order tail;

    /** @return the level's price */
    public long price() {
        return price;
    }

    /** @return the sum of its orders' open quantities */
    public long totalQty() {
        return totalQty;
    }

    /** @return how many orders rest here */
    public int orderCount() {
        return orderCount;
    }

    /** @return the order with time priority, or null if empty */
    public Order head() {
        return head;
    }

    boolean isEmpty() {
        return head == null;
    }

    void append(Order order) {
        order.level = this;
        order.prev = tail;
        order.next = null;
        if (tail == null) {
            head = order;
        } else {
            tail.next = order;
        }
        tail = order;
        totalQty += order.openQty;
        orderCount++;
    }

    void unlink(Order order) {
        if (order.prev == null) {
            head = order.next;
        } else {
            order.prev.next = order.next;
        }
        if (order.next == null) {
            tail = order.prev;
        } else {
            order.next.prev = order.prev;
        }
        totalQty -= order.openQty;
        orderCount--;
        order.level = null;
        order.prev = null;
        order.next = null;
    }

    /** Lowers a resting order's open quantity in place, keeping its time priority. */
    void reduce(Order order, long newQty) {
        totalQty -= order.openQty - newQty;
        order.openQty = newQty;
    }

    void reset(long price) {
        this.price = price;
        this.totalQty = 0;
        this.orderCount = 0;
        this.head = null;
        this.tail = null;
    }
}
