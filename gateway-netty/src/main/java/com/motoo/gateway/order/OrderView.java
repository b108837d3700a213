package com.motoo.gateway.order;

import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;

/**
 * The gateway's picture of one open order, enough to write complete execution reports: what was
 * ordered and what has filled. Created on an I/O thread when a PLACE is submitted, then owned by the
 * engine thread (through {@link ExecutionReportPublisher}) from the moment it is accepted.
 */
final class OrderView {
    final long userId;
    final long orderId;
    final String clientOrderId;
    final String symbol;
    final Side side;
    final OrderType orderType;
    final TimeInForce tif;
    long price;
    long qty;
    long filledQty;
    long fillNotional;
    long leavesQty;

    OrderView(long userId, long orderId, String clientOrderId, String symbol, Side side, OrderType orderType,
              TimeInForce tif, long price, long qty) {
        this.userId = userId;
        this.orderId = orderId;
        this.clientOrderId = clientOrderId;
        this.symbol = symbol;
        this.side = side;
        this.orderType = orderType;
        this.tif = tif;
        this.price = price;
        this.qty = qty;
        this.leavesQty = qty;
    }

    /** @return the average fill price rounded down, 0 before the first fill */
    long avgFillPrice() {
        return filledQty == 0 ? 0 : fillNotional / filledQty;
    }
}
