package com.motoo.engine.pipeline;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.event.RejectReason;

/**
 * Passes every event to two listeners, first then second; the second can be switched off (the
 * pipeline feeds the event journal first and the output listener second, and mutes the output
 * while it replays the journal at start-up). Calling thread only; allocation-free.
 */
public final class EventFanOut implements EngineEventListener {
    private final EngineEventListener first;
    private final EngineEventListener second;
    private boolean secondEnabled = true;

    /** @param first told first; @param second told second */
    public EventFanOut(EngineEventListener first, EngineEventListener second) {
        this.first = first;
        this.second = second;
    }

    /** Switches the second listener on or off. */
    public void enableSecond(boolean enabled) {
        this.secondEnabled = enabled;
    }

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
        first.onAccepted(userId, orderId, symbol, side, orderType, tif, price, qty);
        if (secondEnabled) {
            second.onAccepted(userId, orderId, symbol, side, orderType, tif, price, qty);
        }
    }

    @Override
    public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
        first.onRejected(userId, orderId, command, reason);
        if (secondEnabled) {
            second.onRejected(userId, orderId, command, reason);
        }
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
        first.onTrade(symbol, price, qty, buyUserId, buyOrderId, sellUserId, sellOrderId, aggressor, buyCommission,
            sellCommission, sellTax, buyLeavesQty, sellLeavesQty);
        if (secondEnabled) {
            second.onTrade(symbol, price, qty, buyUserId, buyOrderId, sellUserId, sellOrderId, aggressor, buyCommission,
            sellCommission, sellTax, buyLeavesQty, sellLeavesQty);
        }
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
        first.onCanceled(userId, orderId, qty);
        if (secondEnabled) {
            second.onCanceled(userId, orderId, qty);
        }
    }

    @Override
    public void onModified(long userId, long orderId, long price, long qty) {
        first.onModified(userId, orderId, price, qty);
        if (secondEnabled) {
            second.onModified(userId, orderId, price, qty);
        }
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
        first.onExpired(userId, orderId, qty);
        if (secondEnabled) {
            second.onExpired(userId, orderId, qty);
        }
    }

    @Override
    public void onSymbolListed(long symbol, String name, long basePrice) {
        first.onSymbolListed(symbol, name, basePrice);
        if (secondEnabled) {
            second.onSymbolListed(symbol, name, basePrice);
        }
    }

    @Override
    public void onAccountOpened(long userId, long cash) {
        first.onAccountOpened(userId, cash);
        if (secondEnabled) {
            second.onAccountOpened(userId, cash);
        }
    }

    @Override
    public void onSharesGranted(long userId, long symbol, long qty) {
        first.onSharesGranted(userId, symbol, qty);
        if (secondEnabled) {
            second.onSharesGranted(userId, symbol, qty);
        }
    }

    @Override
    public void onBasePriceSet(long symbol, long basePrice) {
        first.onBasePriceSet(symbol, basePrice);
        if (secondEnabled) {
            second.onBasePriceSet(symbol, basePrice);
        }
    }

    @Override
    public void onHaltChanged(long symbol, boolean halted) {
        first.onHaltChanged(symbol, halted);
        if (secondEnabled) {
            second.onHaltChanged(symbol, halted);
        }
    }

    @Override
    public void onCashDeposited(long userId, long amount, long cash) {
        first.onCashDeposited(userId, amount, cash);
        if (secondEnabled) {
            second.onCashDeposited(userId, amount, cash);
        }
    }

    @Override
    public void onAccountReset(long userId, long cash) {
        first.onAccountReset(userId, cash);
        if (secondEnabled) {
            second.onAccountReset(userId, cash);
        }
    }
}
