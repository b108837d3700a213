package com.motoo.persister.apply;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventListener;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.rules.MarketRules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies engine events from the event journal to the read-model tables of one
 * {@link PersisterRole}, exactly once. Events arrive command by command: {@link #onEnvelope}
 * (journal index of the excerpt holding the command, command sequence, timestamp, event count),
 * then that many {@link EngineEventListener} callbacks. They change in-memory state and collect
 * rows; {@link #flush} writes everything since the last flush and the last journal index in ONE
 * transaction ({@code persister_offset}, keyed by the tailer name), so the database always holds
 * exactly the effects of the excerpts up to its stored index. An excerpt may hold several commands
 * (one ring batch), so flush only between whole excerpts: after an
 * {@code EventJournalReader.poll}, which never splits one.
 *
 * <p>After any failed flush (or at start) call {@link #load}: it drops the in-memory state and
 * reloads it from the database together with the stored index, from which reading must resume.
 *
 * <p>Single-threaded: one thread calls every method. Events do not touch the database.
 */
public final class ReadModelApplier implements EngineEventListener {
    private final String tailer;
    private final EventContext context = new EventContext();
    private final List<ReadModelSink> sinks = new ArrayList<>(2);
    private long appliedIndex = -1;
    private long appliedSeq;
    private long appliedTimestampMs;
    private long appliedEvents;
    private int eventsLeftInEnvelope;
    private int pendingEvents;
    private int pendingCommands;

    /**
     * @param role which tables to write
     * @param tailer the tailer's name, the key of this persister's stored offset
     * @param rules the engine's market rules (for MARKET buy reservations and fees)
     */
    public ReadModelApplier(PersisterRole role, String tailer, MarketRules rules) {
        this.tailer = tailer;
        final SymbolNames names = new SymbolNames();
        if (role.writesAccounts()) {
            sinks.add(new AccountSink(context, !role.writesOrders(), rules, names));
        }
        if (role.writesOrders()) {
            sinks.add(new OrderSink(context, names));
        }
    }

    /**
     * Loads the state and the stored offset from the database (the connection is left with
     * auto-commit off). Discards anything applied but not flushed.
     *
     * @return the journal index of the last applied excerpt, or -1 if none was applied yet
     */
    public long load(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            appliedIndex = -1;
            appliedSeq = 0;
            appliedTimestampMs = 0;
            appliedEvents = 0;
            try (PreparedStatement select = connection.prepareStatement(
                "SELECT journal_index, command_seq, ts_ms, events FROM persister_offset WHERE tailer = ?")) {
                select.setString(1, tailer);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        appliedIndex = rs.getLong(1);
                        appliedSeq = rs.getLong(2);
                        appliedTimestampMs = rs.getLong(3);
                        appliedEvents = rs.getLong(4);
                    }
                }
            }
            for (ReadModelSink sink : sinks) {
                sink.load(connection);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        context.journalIndex = appliedIndex;
        eventsLeftInEnvelope = 0;
        pendingEvents = 0;
        pendingCommands = 0;
        return appliedIndex;
    }

    /**
     * Starts a command's events; exactly {@code eventCount} event callbacks must follow before the
     * next envelope or flush.
     */
    public void onEnvelope(long journalIndex, long commandSeq, long timestampMs, int eventCount) {
        if (eventsLeftInEnvelope != 0) {
            throw new IllegalStateException("command " + context.commandSeq + " ended with " + eventsLeftInEnvelope
                + " events missing");
        }
        context.journalIndex = journalIndex;
        context.commandSeq = commandSeq;
        context.timestampMs = timestampMs;
        context.eventNo = -1;
        eventsLeftInEnvelope = eventCount;
        pendingCommands++;
    }

    /**
     * Writes every change since the last flush and the journal index of the last command, then
     * commits. Call between whole excerpts only.
     * On an exception the transaction is rolled back and the caller must {@link #load} again.
     *
     * @return how many events were written
     */
    public int flush(Connection connection) throws SQLException {
        if (eventsLeftInEnvelope != 0) {
            throw new IllegalStateException("flush inside the events of command " + context.commandSeq);
        }
        if (pendingCommands == 0) {
            return 0;
        }
        final long events = appliedEvents + pendingEvents;
        try {
            for (ReadModelSink sink : sinks) {
                sink.flush(connection);
            }
            try (PreparedStatement offset = connection.prepareStatement(
                "INSERT INTO persister_offset (tailer, journal_index, command_seq, ts_ms, events) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (tailer) DO UPDATE SET journal_index = EXCLUDED.journal_index,"
                    + " command_seq = EXCLUDED.command_seq, ts_ms = EXCLUDED.ts_ms, events = EXCLUDED.events")) {
                offset.setString(1, tailer);
                offset.setLong(2, context.journalIndex);
                offset.setLong(3, context.commandSeq);
                offset.setLong(4, context.timestampMs);
                offset.setLong(5, events);
                offset.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        for (ReadModelSink sink : sinks) {
            sink.committed();
        }
        final int written = pendingEvents;
        appliedIndex = context.journalIndex;
        appliedSeq = context.commandSeq;
        appliedTimestampMs = context.timestampMs;
        appliedEvents = events;
        pendingEvents = 0;
        pendingCommands = 0;
        return written;
    }

    /** @return events applied in memory and not yet flushed */
    public int pendingEvents() {
        return pendingEvents;
    }

    /** @return commands applied in memory and not yet flushed */
    public int pendingCommands() {
        return pendingCommands;
    }

    /** @return the journal index of the last committed command's excerpt, -1 if none */
    public long appliedIndex() {
        return appliedIndex;
    }

    /** @return the sequence of the last committed command */
    public long appliedSeq() {
        return appliedSeq;
    }

    /** @return the timestamp of the last committed command */
    public long appliedTimestampMs() {
        return appliedTimestampMs;
    }

    /** @return events committed so far by this tailer, over all runs */
    public long appliedEvents() {
        return appliedEvents;
    }

    private void nextEvent() {
        if (--eventsLeftInEnvelope < 0) {
            throw new IllegalStateException("more events than announced for command " + context.commandSeq);
        }
        context.eventNo++;
        pendingEvents++;
    }

    // ------------------------------------------------------------------ events, forwarded to each sink

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onAccepted(userId, orderId, symbol, side, orderType, tif, price, qty);
        }
    }

    @Override
    public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onRejected(userId, orderId, command, reason);
        }
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onTrade(symbol, price, qty, buyUserId, buyOrderId, sellUserId, sellOrderId, aggressor,
                buyCommission, sellCommission, sellTax, buyLeavesQty, sellLeavesQty);
        }
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onCanceled(userId, orderId, qty);
        }
    }

    @Override
    public void onModified(long userId, long orderId, long price, long qty) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onModified(userId, orderId, price, qty);
        }
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onExpired(userId, orderId, qty);
        }
    }

    @Override
    public void onSymbolListed(long symbol, String name, long basePrice) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onSymbolListed(symbol, name, basePrice);
        }
    }

    @Override
    public void onAccountOpened(long userId, long cash) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onAccountOpened(userId, cash);
        }
    }

    @Override
    public void onSharesGranted(long userId, long symbol, long qty) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onSharesGranted(userId, symbol, qty);
        }
    }

    @Override
    public void onBasePriceSet(long symbol, long basePrice) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onBasePriceSet(symbol, basePrice);
        }
    }

    @Override
    public void onHaltChanged(long symbol, boolean halted) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onHaltChanged(symbol, halted);
        }
    }

    @Override
    public void onCashDeposited(long userId, long amount, long cash) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onCashDeposited(userId, amount, cash);
        }
    }

    @Override
    public void onAccountReset(long userId, long cash) {
        nextEvent();
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).onAccountReset(userId, cash);
        }
    }
}
