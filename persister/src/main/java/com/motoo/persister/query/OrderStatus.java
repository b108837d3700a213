package com.motoo.persister.query;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its life, as stored in {@code orders.status}. Rejected PLACE commands are
 * not orders (the event journal does not carry their details and their id stays free); they are
 * recorded in {@code order_rejections}.
 */
public enum OrderStatus {
    /** Accepted, nothing filled yet, open. */
    ACCEPTED,
    /** Some filled, the rest open. */
    PARTIALLY_FILLED,
    /** All filled. */
    FILLED,
    /** Its open quantity was cancelled (by the user, as an unfillable remainder, or by a reset); may have fills. */
    CANCELED,
    /** A DAY order that was still open at end of day; may have fills. */
    EXPIRED;

    /** The statuses of open orders (those that can still trade). */
    public static final Set<OrderStatus> OPEN = Collections.unmodifiableSet(EnumSet.of(ACCEPTED, PARTIALLY_FILLED));

    /** @return whether the order can still trade */
    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
