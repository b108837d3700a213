package com.motoo.engine.reference;

import com.motoo.engine.command.Side;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A user of the reference exchange. Reservations are not stored: they are summed from the open
 * orders every time they are needed.
 */
final class ReferenceAccount {
    final long userId;
    long cash;
    final Map<String, Long> shares = new TreeMap<>();
    final Map<Long, ReferenceOrder> openOrders = new LinkedHashMap<>();
    final Set<Long> usedOrderIds = new HashSet<>();

    ReferenceAccount(long userId, long cash) {
        this.userId = userId;
        this.cash = cash;
    }

    long reservedCash() {
        long sum = 0;
        for (ReferenceOrder order : openOrders.values()) {
            sum += order.reservedCash();
        }
        return sum;
    }

    long availableCash() {
        return cash - reservedCash();
    }

    long shares(String symbol) {
        return shares.getOrDefault(symbol, 0L);
    }

    long reservedShares(String symbol) {
        long sum = 0;
        for (ReferenceOrder order : openOrders.values()) {
            if (order.side == Side.SELL && order.book.symbol.equals(symbol)) {
                sum += order.openQty;
            }
        }
        return sum;
    }

    long availableShares(String symbol) {
        return shares(symbol) - reservedShares(symbol);
    }

    void addShares(String symbol, long delta) {
        shares.put(symbol, shares(symbol) + delta);
    }
}
