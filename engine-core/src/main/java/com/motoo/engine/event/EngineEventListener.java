package com.motoo.engine.event;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;

/**
 * Receives every event the engine produces, in the order it produces them, on the engine thread.
 * The command that caused an event is the one the engine is processing when the callback runs;
 * its sequence and timestamp are known to whoever called the engine.
 *
 * <p>Arguments are primitives and enums so that no event allocates. Implementations must not
 * call back into the engine and should not block: they run on the hot path.
 *
 * <p>The six order events and rejections are the event format of DESIGN.md; the others report
 * set-up and administrative changes that read models need and the text format leaves out.
 */
public interface EngineEventListener {
    /**
     * A PLACE passed every check and its order exists; trades and a cancel of the remainder may follow.
     *
     * @param price the limit price; 0 for MARKET
     * @param qty the order quantity
     */
    void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                    long price, long qty);

    /**
     * A command was refused and changed nothing. Set-up commands (LIST, ACCOUNT, GRANT, EOD, HALT,
     * RESUME, DEPOSIT, RESET without an order) report userId and orderId as 0, as DESIGN.md prints them.
     *
     * @param command which kind of command was refused
     * @param reason the first broken rule, in DESIGN.md's order of precedence
     */
    void onRejected(long userId, long orderId, CommandType command, RejectReason reason);

    /**
     * Two orders traded at the resting order's price. Both accounts are already settled.
     *
     * @param aggressor the side of the incoming (or modified, crossing) order
     * @param buyCommission commission the buyer paid on this fill
     * @param sellCommission commission the seller paid on this fill
     * @param sellTax securities transaction tax the seller paid on this fill
     * @param buyLeavesQty the buy order's open quantity after this fill
     * @param sellLeavesQty the sell order's open quantity after this fill
     */
    void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                 long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                 long buyLeavesQty, long sellLeavesQty);

    /**
     * An order's open quantity was removed: by CANCEL, or because what remained of a MARKET, IOC or
     * FOK order, or of a self-trading order, may not stay, or by an account reset.
     *
     * @param qty the open quantity removed
     */
    void onCanceled(long userId, long orderId, long qty);

    /**
     * A MODIFY was applied; trades and a cancel may follow if the new price crosses.
     *
     * @param price the new price
     * @param qty the new open quantity
     */
    void onModified(long userId, long orderId, long price, long qty);

    /**
     * A DAY order expired at end of day.
     *
     * @param qty the open quantity removed
     */
    void onExpired(long userId, long orderId, long qty);

    /** A LIST succeeded. */
    void onSymbolListed(long symbol, String name, long basePrice);

    /** An ACCOUNT succeeded. */
    void onAccountOpened(long userId, long cash);

    /** A GRANT succeeded. */
    void onSharesGranted(long userId, long symbol, long qty);

    /**
     * At end of day, after DAY orders expired, a symbol's base price was set for the next day
     * (called for every listed symbol, in listing order, even when the price did not change).
     */
    void onBasePriceSet(long symbol, long basePrice);

    /** A HALT or RESUME succeeded. */
    void onHaltChanged(long symbol, boolean halted);

    /**
     * A DEPOSIT succeeded.
     *
     * @param amount the change (negative for a withdrawal)
     * @param cash the account's cash afterwards
     */
    void onCashDeposited(long userId, long amount, long cash);

    /**
     * A RESET succeeded: the account's open orders were cancelled (each reported by
     * {@link #onCanceled}), its shares removed and its cash set.
     *
     * @param cash the account's cash afterwards
     */
    void onAccountReset(long userId, long cash);
}
