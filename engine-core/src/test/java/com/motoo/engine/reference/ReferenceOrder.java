package com.motoo.engine.reference;

import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;

/** An order of the reference exchange: plain fields, identity equality. */
final class ReferenceOrder {
    final long userId;
    final long orderId;
    final ReferenceBook book;
    final Side side;
    final OrderType type;
    final TimeInForce tif;
    long price;
    long openQty;

    ReferenceOrder(long userId, long orderId, ReferenceBook book, Side side, OrderType type, TimeInForce tif,
                   long price, long openQty) {
        this.userId = userId;
        this.orderId = orderId;
        this.book = book;
        this.side = side;
        this.type = type;
        this.tif = tif;
        this.price = price;
        this.openQty = openQty;
    }

    /** The price cash is held at: the limit, or the upper limit for a MARKET buy. */
    long reservePrice() {
        return type == OrderType.MARKET ? book.upperLimit : price;
    }

    /** Cash a buy holds for its open quantity; 0 for a sell. */
    long reservedCash() {
        return side == Side.BUY ? ReferenceRules.buyReservation(reservePrice() * openQty) : 0;
    }

    /** Whether a maker at {@code makerPrice} is good enough for this order at limit {@code limit}. */
    boolean accepts(long makerPrice, long limit) {
        return side == Side.BUY ? makerPrice <= limit : makerPrice >= limit;
    }
}
