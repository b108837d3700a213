package com.motoo.persister.apply;

import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.persister.query.OrderStatus;

/**
 * One order's lifecycle as the orders persister tracks it while it is open (and until the batch
 * that closed it is written). {@code qty} is the order's total quantity: filled plus open, so a
 * MODIFY that changes the open quantity changes it too.
 */
final class OrderState {
    final long userId;
    final long orderId;
    final int epoch;
    final long symbol;
    final Side side;
    final OrderType orderType;
    final TimeInForce tif;
    final long acceptedSeq;
    final long acceptedMs;
    long price;
    long qty;
    long openQty;
    long filledQty;
    long fillNotional;
    OrderStatus status;
    long updatedMs;
    boolean persisted;
    boolean dirty;

    OrderState(long userId, long orderId, int epoch, long symbol, Side side, OrderType orderType, TimeInForce tif,
               long acceptedSeq, long acceptedMs) {
        this.userId = userId;
        this.orderId = orderId;
        this.epoch = epoch;
        this.symbol = symbol;
        this.side = side;
        this.orderType = orderType;
        this.tif = tif;
        this.acceptedSeq = acceptedSeq;
        this.acceptedMs = acceptedMs;
    }

    void fill(long price, long qty, long leavesQty) {
        filledQty += qty;
        fillNotional += price * qty;
        openQty = leavesQty;
        status = leavesQty == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    }
}
