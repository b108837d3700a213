package com.motoo.bench.commands;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventAdapter;
import com.motoo.engine.event.RejectReason;

import java.util.HashMap;
import java.util.Map;

/**
 * The generator's view of its engine's events: counts them, and takes orders that filled or were
 * cancelled out of the generator's open-order sets. A modified order stays open (the generator
 * reads its new price and quantity from the engine) and set-up events change no open order, so
 * those are ignored; the generator never resets accounts. Generator thread only; allocates.
 */
final class Tracker extends EngineEventAdapter {
    /** Which symbol's set each open order is in, by {@link LiveOrders#key}. */
    final Map<Long, LiveOrders> bookOf = new HashMap<>();
    long accepted;
    long rejected;
    long trades;

    private void closed(long userId, long orderId) {
        final LiveOrders orders = bookOf.remove(LiveOrders.key(userId, orderId));
        if (orders != null) {
            orders.remove(LiveOrders.key(userId, orderId));
        }
    }

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
        accepted++;
    }

    @Override
    public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
        rejected++;
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
        trades++;
        if (buyLeavesQty == 0) {
            closed(buyUserId, buyOrderId);
        }
        if (sellLeavesQty == 0) {
            closed(sellUserId, sellOrderId);
        }
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
        closed(userId, orderId);
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
        closed(userId, orderId);
    }
}
