package com.motoo.bench;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.event.RejectReason;

/**
 * A listener that does the least a real consumer must: it reads every primitive of every event
 * and folds it into a checksum, and counts events by kind. The JIT cannot drop the engine's work
 * as dead code, and equal command streams give equal checksums, so runs can be compared.
 *
 * <p>Engine thread only; allocation-free.
 */
public final class EventSink implements EngineEventListener {
    private long checksum;
    private long events;
    private long accepted;
    private long rejected;
    private long trades;

    /** @return a fold of every field of every event so far */
    public long checksum() {
        return checksum;
    }

    /** @return how many events arrived */
    public long events() {
        return events;
    }

    /** @return how many orders were accepted */
    public long accepted() {
        return accepted;
    }

    /** @return how many commands were rejected */
    public long rejected() {
        return rejected;
    }

    /** @return how many trades were reported */
    public long trades() {
        return trades;
    }

    private void mix(long value) {
        checksum = (checksum ^ value) * 0x9E3779B97F4A7C15L;
    }

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
        events++;
        accepted++;
        mix(userId + orderId + symbol + side.ordinal() + orderType.ordinal() + tif.ordinal() + price + qty);
    }

    @Override
    public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
        events++;
        rejected++;
        mix(userId + orderId + command.ordinal() + reason.ordinal());
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
        events++;
        trades++;
        mix(symbol + price + qty + buyUserId + buyOrderId + sellUserId + sellOrderId + aggressor.ordinal()
            + buyCommission + sellCommission + sellTax + buyLeavesQty + sellLeavesQty);
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
        events++;
        mix(userId + orderId + qty);
    }

    @Override
    public void onModified(long userId, long orderId, long price, long qty) {
        events++;
        mix(userId + orderId + price + qty);
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
        events++;
        mix(userId + orderId + qty);
    }

    @Override
    public void onSymbolListed(long symbol, String name, long basePrice) {
        events++;
        mix(symbol + basePrice);
    }

    @Override
    public void onAccountOpened(long userId, long cash) {
        events++;
        mix(userId + cash);
    }

    @Override
    public void onSharesGranted(long userId, long symbol, long qty) {
        events++;
        mix(userId + symbol + qty);
    }

    @Override
    public void onBasePriceSet(long symbol, long basePrice) {
        events++;
        mix(symbol + basePrice);
    }

    @Override
    public void onHaltChanged(long symbol, boolean halted) {
        events++;
        mix(symbol + (halted ? 1 : 0));
    }

    @Override
    public void onCashDeposited(long userId, long amount, long cash) {
        events++;
        mix(userId + amount + cash);
    }

    @Override
    public void onAccountReset(long userId, long cash) {
        events++;
        mix(userId + cash);
    }
}
