package com.motoo.engine.event;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;

/**
 * An {@link EngineEventListener} whose every callback does nothing, for listeners that care about
 * some events only (most often: the order events but not the set-up ones). A subclass overrides
 * exactly the callbacks it acts on; whatever it does not override it ignores, so an event added to
 * {@link EngineEventListener} later is ignored by every subclass until it overrides it.
 *
 * <p>Holds no state, allocates nothing, and is as thread-safe as its subclass.
 */
public abstract class EngineEventAdapter implements EngineEventListener {
    /** For subclasses only. */
    protected EngineEventAdapter() {
    }

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
    }

    @Override
    public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
    }

    @Override
    public void onModified(long userId, long orderId, long price, long qty) {
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
    }

    @Override
    public void onSymbolListed(long symbol, String name, long basePrice) {
    }

    @Override
    public void onAccountOpened(long userId, long cash) {
    }

    @Override
    public void onSharesGranted(long userId, long symbol, long qty) {
    }

    @Override
    public void onBasePriceSet(long symbol, long basePrice) {
    }

    @Override
    public void onHaltChanged(long symbol, boolean halted) {
    }

    @Override
    public void onCashDeposited(long userId, long amount, long cash) {
    }

    @Override
    public void onAccountReset(long userId, long cash) {
    }
}
