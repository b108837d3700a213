package com.motoo.persister.apply;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventAdapter;
import com.motoo.engine.event.RejectReason;
import com.motoo.persister.db.CopyRows;
import com.motoo.persister.query.OrderStatus;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps orders (full lifecycle), executions (one row per fill per side), order rejections and
 * one-minute candles in step with the events. Open orders are held in memory (loaded from the
 * orders table at start); an order leaves memory once the batch that closed it is committed.
 * Candles bucket trades by the command timestamp's minute (UTC); a trade stamped earlier than
 * the symbol's current candle in the batch goes into that candle. Symbols, accounts, positions and
 * cash belong to the accounts role ({@link AccountSink}), so the set-up events other than a reset
 * are ignored here. Single-threaded.
 */
final class OrderSink extends EngineEventAdapter implements ReadModelSink {
    private static final long MINUTE_MS = 60_000L;
    private static final String ORDER_COLUMNS = "user_id, order_id, epoch, symbol, side, order_type, tif, price, qty,"
        + " open_qty, filled_qty, fill_notional, status, accepted_seq, accepted_ms, updated_ms";
    private static final String[] TEMP_TABLES = {
        "CREATE TEMP TABLE IF NOT EXISTS tmp_orders (LIKE orders) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS tmp_candles (LIKE candles_1m) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS tmp_order_epochs (LIKE order_epochs) ON COMMIT DELETE ROWS",
    };

    private final EventContext context;
    private final SymbolNames names;
    private final Long2ObjectHashMap<Long2ObjectHashMap<OrderState>> openOrders = new Long2ObjectHashMap<>();
    private final Long2LongHashMap epochs = new Long2LongHashMap(0);
    private final LongArrayList dirtyEpochs = new LongArrayList();
    private final List<OrderState> dirtyOrders = new ArrayList<>();
    private final Long2ObjectHashMap<CandleState> currentCandles = new Long2ObjectHashMap<>();
    private final List<CandleState> finishedCandles = new ArrayList<>();

    private final CopyRows executions = new CopyRows("COPY executions (user_id, ts_ms, seq, event_no, epoch, order_id,"
        + " symbol, side, price, qty, fee, tax, amount, taker) FROM STDIN");
    private final CopyRows rejections = new CopyRows(
        "COPY order_rejections (user_id, ts_ms, seq, order_id, command, reason) FROM STDIN");
    private final CopyRows newOrders = new CopyRows("COPY orders (" + ORDER_COLUMNS + ") FROM STDIN");
    private final CopyRows changedOrders = new CopyRows("COPY tmp_orders (" + ORDER_COLUMNS + ") FROM STDIN");
    private final CopyRows candleRows = new CopyRows(
        "COPY tmp_candles (symbol, minute_ms, open, high, low, close, volume, turnover) FROM STDIN");
    private final CopyRows epochRows = new CopyRows("COPY tmp_order_epochs (user_id, epoch) FROM STDIN");

    OrderSink(EventContext context, SymbolNames names) {
        this.context = context;
        this.names = names;
    }

    // ------------------------------------------------------------------ loading and writing

    @Override
    public void load(Connection connection) throws SQLException {
        clearBatch();
        openOrders.clear();
        epochs.clear();
        try (Statement statement = connection.createStatement()) {
            for (String sql : TEMP_TABLES) {
                statement.execute(sql);
            }
            try (ResultSet rs = statement.executeQuery("SELECT user_id, epoch FROM order_epochs")) {
                while (rs.next()) {
                    epochs.put(rs.getLong(1), rs.getInt(2));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT " + ORDER_COLUMNS
                + " FROM orders WHERE status IN ('ACCEPTED', 'PARTIALLY_FILLED')")) {
                while (rs.next()) {
                    final OrderState order = new OrderState(rs.getLong(1), rs.getLong(2), rs.getInt(3),
                        Symbol.encode(rs.getString(4)), Side.valueOf(rs.getString(5)), OrderType.valueOf(rs.getString(6)),
                        TimeInForce.valueOf(rs.getString(7)), rs.getLong(14), rs.getLong(15));
                    order.price = rs.getLong(8);
                    order.qty = rs.getLong(9);
                    order.openQty = rs.getLong(10);
                    order.filledQty = rs.getLong(11);
                    order.fillNotional = rs.getLong(12);
                    order.status = OrderStatus.valueOf(rs.getString(13));
                    order.updatedMs = rs.getLong(16);
                    order.persisted = true;
                    ordersOf(order.userId).put(order.orderId, order);
                }
            }
        }
    }

    @Override
    public void flush(Connection connection) throws SQLException {
        for (OrderState o : dirtyOrders) {
            final CopyRows rows = o.persisted ? changedOrders : newOrders;
            rows.col(o.userId).col(o.orderId).col(o.epoch).col(names.text(o.symbol)).col(o.side.name())
                .col(o.orderType.name()).col(o.tif.name()).col(o.price).col(o.qty).col(o.openQty).col(o.filledQty)
                .col(o.fillNotional).col(o.status.name()).col(o.acceptedSeq).col(o.acceptedMs).col(o.updatedMs).endRow();
        }
        for (CandleState c : finishedCandles) {
            candleRow(c);
        }
        for (CandleState c : currentCandles.values()) {
            candleRow(c);
        }
        for (int i = 0; i < dirtyEpochs.size(); i++) {
            final long userId = dirtyEpochs.getLong(i);
            epochRows.col(userId).col(epochs.get(userId)).endRow();
        }
        executions.send(connection);
        rejections.send(connection);
        newOrders.send(connection);
        try (Statement statement = connection.createStatement()) {
            if (changedOrders.send(connection) > 0) {
                statement.executeUpdate("INSERT INTO orders SELECT * FROM tmp_orders ON CONFLICT (user_id, order_id)"
                    + " DO UPDATE SET price = EXCLUDED.price, qty = EXCLUDED.qty, open_qty = EXCLUDED.open_qty,"
                    + " filled_qty = EXCLUDED.filled_qty, fill_notional = EXCLUDED.fill_notional, status = EXCLUDED.status,"
                    + " updated_ms = EXCLUDED.updated_ms");
            }
            if (candleRows.send(connection) > 0) {
                statement.executeUpdate("INSERT INTO candles_1m AS c SELECT * FROM tmp_candles"
                    + " ON CONFLICT (symbol, minute_ms) DO UPDATE SET high = GREATEST(c.high, EXCLUDED.high),"
                    + " low = LEAST(c.low, EXCLUDED.low), close = EXCLUDED.close, volume = c.volume + EXCLUDED.volume,"
                    + " turnover = c.turnover + EXCLUDED.turnover");
            }
            if (epochRows.send(connection) > 0) {
                statement.executeUpdate("INSERT INTO order_epochs SELECT * FROM tmp_order_epochs"
                    + " ON CONFLICT (user_id) DO UPDATE SET epoch = EXCLUDED.epoch");
            }
        }
    }

    @Override
    public void committed() {
        for (OrderState o : dirtyOrders) {
            o.persisted = true;
            if (!o.status.isOpen()) {
                final Long2ObjectHashMap<OrderState> orders = openOrders.get(o.userId);
                if (orders.get(o.orderId) == o) {
                    orders.remove(o.orderId);
                }
            }
        }
        clearBatch();
    }

    private void clearBatch() {
        dirtyOrders.forEach(o -> o.dirty = false);
        dirtyOrders.clear();
        dirtyEpochs.clear();
        currentCandles.clear();
        finishedCandles.clear();
        executions.clear();
        rejections.clear();
        newOrders.clear();
        changedOrders.clear();
        candleRows.clear();
        epochRows.clear();
    }

    private void candleRow(CandleState c) {
        candleRows.col(names.text(c.symbol)).col(c.minuteMs).col(c.open).col(c.high).col(c.low).col(c.close)
            .col(c.volume).col(c.turnover).endRow();
    }

    // ------------------------------------------------------------------ events

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
        final OrderState order = new OrderState(userId, orderId, (int) epochs.get(userId), symbol, side, orderType, tif,
            context.commandSeq, context.timestampMs);
        order.price = price;
        order.qty = qty;
        order.openQty = qty;
        order.status = OrderStatus.ACCEPTED;
        ordersOf(userId).put(orderId, order);
        dirty(order);
    }

    @Override
    public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
        if (userId != 0) {
            rejections.col(userId).col(context.timestampMs).col(context.commandSeq).col(orderId).col(command.name())
                .col(reason.name()).endRow();
        }
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
        final long notional = price * qty;
        final OrderState buy = order(buyUserId, buyOrderId);
        buy.fill(price, qty, buyLeavesQty);
        dirty(buy);
        execution(buy, price, qty, buyCommission, 0, -(notional + buyCommission), aggressor == Side.BUY);
        final OrderState sell = order(sellUserId, sellOrderId);
        sell.fill(price, qty, sellLeavesQty);
        dirty(sell);
        execution(sell, price, qty, sellCommission, sellTax, notional - sellCommission - sellTax, aggressor == Side.SELL);
        candle(symbol, price, qty);
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
        close(order(userId, orderId), qty, OrderStatus.CANCELED);
    }

    @Override
    public void onModified(long userId, long orderId, long price, long qty) {
        final OrderState order = order(userId, orderId);
        order.price = price;
        order.openQty = qty;
        order.qty = order.filledQty + qty;
        dirty(order);
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
        close(order(userId, orderId), qty, OrderStatus.EXPIRED);
    }

    @Override
    public void onAccountReset(long userId, long cash) {
        epochs.put(userId, epochs.get(userId) + 1);
        if (!dirtyEpochs.containsLong(userId)) {
            dirtyEpochs.addLong(userId);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void close(OrderState order, long qty, OrderStatus status) {
        if (qty != order.openQty) {
            throw new IllegalStateException("order " + order.userId + "/" + order.orderId + " closed with " + qty
                + " of " + order.openQty + " open at journal index " + context.journalIndex);
        }
        order.openQty = 0;
        order.status = status;
        dirty(order);
    }

    private void execution(OrderState order, long price, long qty, long fee, long tax, long amount, boolean taker) {
        executions.col(order.userId).col(context.timestampMs).col(context.commandSeq).col(context.eventNo)
            .col(order.epoch).col(order.orderId).col(names.text(order.symbol)).col(order.side.name()).col(price).col(qty)
            .col(fee).col(tax).col(amount).col(taker).endRow();
    }

    private void candle(long symbol, long price, long qty) {
        final long minute = Math.floorDiv(context.timestampMs, MINUTE_MS) * MINUTE_MS;
        CandleState candle = currentCandles.get(symbol);
        if (candle == null || minute > candle.minuteMs) {
            if (candle != null) {
                finishedCandles.add(candle);
            }
            candle = new CandleState(symbol, minute, price);
            currentCandles.put(symbol, candle);
        }
        candle.add(price, qty);
    }

    private Long2ObjectHashMap<OrderState> ordersOf(long userId) {
        Long2ObjectHashMap<OrderState> orders = openOrders.get(userId);
        if (orders == null) {
            orders = new Long2ObjectHashMap<>();
            openOrders.put(userId, orders);
        }
        return orders;
    }

    private OrderState order(long userId, long orderId) {
        final Long2ObjectHashMap<OrderState> orders = openOrders.get(userId);
        final OrderState order = orders == null ? null : orders.get(orderId);
        if (order == null || !order.status.isOpen()) {
            throw new IllegalStateException("event for unknown open order " + userId + "/" + orderId
                + " at journal index " + context.journalIndex);
        }
        return order;
    }

    private void dirty(OrderState order) {
        order.updatedMs = context.timestampMs;
        if (!order.dirty) {
            order.dirty = true;
            dirtyOrders.add(order);
        }
    }
}
