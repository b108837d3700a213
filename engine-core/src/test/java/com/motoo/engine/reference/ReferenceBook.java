package com.motoo.engine.reference;

import com.motoo.engine.command.Side;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One symbol of the reference exchange: each side a TreeMap from price to the orders at that
 * price in arrival order (bids highest first, asks lowest first), plus the day's band.
 */
final class ReferenceBook {
    final String symbol;
    final int listingIndex;
    long basePrice;
    long upperLimit;
    long lowerLimit;
    boolean halted;
    long lastPrice;
    long dayVolume;
    long lastPriceToday;
    final TreeMap<Long, List<ReferenceOrder>> bids = new TreeMap<>(Comparator.reverseOrder());
    final TreeMap<Long, List<ReferenceOrder>> asks = new TreeMap<>();

    ReferenceBook(String symbol, int listingIndex, long basePrice) {
        this.symbol = symbol;
        this.listingIndex = listingIndex;
        setBase(basePrice);
    }

    void setBase(long basePrice) {
        this.basePrice = basePrice;
        this.upperLimit = ReferenceRules.upperLimit(basePrice);
        this.lowerLimit = ReferenceRules.lowerLimit(basePrice);
    }

    TreeMap<Long, List<ReferenceOrder>> side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    /** Puts an order at the back of its price level. */
    void addToBack(ReferenceOrder order) {
        side(order.side).computeIfAbsent(order.price, p -> new ArrayList<>()).add(order);
    }

    void remove(ReferenceOrder order) {
        final List<ReferenceOrder> level = side(order.side).get(order.price);
        if (level == null || !level.remove(order)) {
            throw new IllegalStateException("reference order not in book: " + order.orderId);
        }
        if (level.isEmpty()) {
            side(order.side).remove(order.price);
        }
    }

    /** @return a copy of one side's orders, best price first, each price in arrival order */
    List<ReferenceOrder> inPriority(Side side) {
        final List<ReferenceOrder> all = new ArrayList<>();
        for (Map.Entry<Long, List<ReferenceOrder>> level : side(side).entrySet()) {
            all.addAll(level.getValue());
        }
        return all;
    }

    void recordTrade(long price, long qty) {
        lastPrice = price;
        lastPriceToday = price;
        dayVolume += qty;
    }
}
