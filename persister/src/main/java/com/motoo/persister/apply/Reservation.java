package com.motoo.persister.apply;

import com.motoo.engine.command.Side;

/**
 * What one open order holds in reserve, as the engine computes it: a buy reserves
 * {@code buyReservation(reservePrice × openQty)} cash (the limit price, or the upper price limit
 * for a MARKET buy), a sell reserves {@code openQty} shares.
 */
final class Reservation {
    final long userId;
    final long orderId;
    final long symbol;
    final Side side;
    long reservePrice;
    long openQty;
    boolean persisted;
    boolean dirty;

    Reservation(long userId, long orderId, long symbol, Side side, long reservePrice, long openQty) {
        this.userId = userId;
        this.orderId = orderId;
        this.symbol = symbol;
        this.side = side;
        this.reservePrice = reservePrice;
        this.openQty = openQty;
    }
}
