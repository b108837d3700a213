package com.motoo.persister;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.event.RejectReason;
import com.motoo.journal.event.EventEnvelopeListener;

/**
 * Counts the commands and events it is shown, remembers the last command's timestamp and the
 * sequence of the last command in one watched excerpt; ignores the events' content. Single-threaded.
 */
final class EventCounter implements EngineEventListener, EventEnvelopeListener {
    long commands;
    long events;
    long lastTimestampMs;
    /** The journal index whose last command {@link #watchedSequence} records; -1 for none. */
    long watchedIndex = -1;
    long watchedSequence = -1;

    @Override
    public void onEnvelope(long journalIndex, long commandSequence, long timestamp, int eventCount) {
        if (journalIndex == watchedIndex) {
            watchedSequence = commandSequence;
        }
        commands++;
        events += eventCount;
        lastTimestampMs = timestamp;
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
