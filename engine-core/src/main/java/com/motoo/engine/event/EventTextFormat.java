package com.motoo.engine.event;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;

/**
 * Writes events in the text format of DESIGN.md, one line each ({@code ACCEPTED,1,7} ...) into
 * a {@link StringBuilder}. Set-up events that succeed print nothing, as the format requires (their
 * callbacks are {@link EngineEventAdapter}'s no-ops).
 * Not thread-safe; the builder is reused, so formatting does not allocate once it has grown.
 */
public class EventTextFormat extends EngineEventAdapter {
    private final StringBuilder out;

    /** @param out where lines are appended, each ending with a newline */
    public EventTextFormat(StringBuilder out) {
        this.out = out;
    }

    /** @return the builder lines go to */
    public StringBuilder out() {
        return out;
    }

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
        out.append("ACCEPTED,").append(userId).append(',').append(orderId).append('\n');
    }

    @Override
    public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
        out.append("REJECTED,").append(userId).append(',').append(orderId).append(',').append(reason.name()).append('\n');
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
        out.append("TRADE,");
        Symbol.appendTo(symbol, out);
        out.append(',').append(price).append(',').append(qty)
            .append(',').append(buyUserId).append(',').append(buyOrderId)
            .append(',').append(sellUserId).append(',').append(sellOrderId)
            .append(',').append(aggressor.name()).append('\n');
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
        out.append("CANCELED,").append(userId).append(',').append(orderId).append(',').append(qty).append('\n');
    }

    @Override
    public void onModified(long userId, long orderId, long price, long qty) {
        out.append("MODIFIED,").append(userId).append(',').append(orderId).append(',').append(price)
            .append(',').append(qty).append('\n');
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
        out.append("EXPIRED,").append(userId).append(',').append(orderId).append(',').append(qty).append('\n');
    }
}
