package com.motoo.gateway.order;

import com.motoo.engine.command.CommandType;
import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventAdapter;
import com.motoo.engine.event.RejectReason;
import com.motoo.engine.pipeline.PipelineOutput;
import com.motoo.gateway.json.JsonText;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Turns the engine's results into PROTOCOL.md {@code order} events and sends them: the direct
 * answer (the first event about the command's own order) to the requesting connection with its
 * {@code id} echoed and to the REST caller waiting for it, and every event to all connections of
 * the user concerned; trades also go to the market data hub, after the batch's order events
 * ({@link BatchTrades}). Keeps an {@link OrderView} per open
 * order so each report carries cumulative and remaining quantities. Of the set-up events only a
 * listing (passed to the hub) and an account reset (which drops the user's views) matter here; the
 * others concern no order and keep {@link EngineEventAdapter}'s no-ops.
 *
 * <p>Engine thread only (it is the pipeline's {@link PipelineOutput}); encodes each event once
 * into a reused builder and allocates the message strings.
 */
public final class ExecutionReportPublisher extends EngineEventAdapter implements PipelineOutput {
    private static final String PREFIX = "{\"type\":\"order\"";

    private final PendingCommands pending;
    private final UserSessions sessions;
    private final OrderIdDirectory orderIds;
    private final MarketDataHub marketData;
    private final GatewayMetrics metrics;
    private final Long2ObjectHashMap<Long2ObjectHashMap<OrderView>> openOrders = new Long2ObjectHashMap<>();
    private final ArrayList<OrderEventSink> touched = new ArrayList<>();
    private final Set<OrderEventSink> touchedSet = Collections.newSetFromMap(new IdentityHashMap<>());
    private final StringBuilder body = new StringBuilder(512);
    private final BatchTrades batchTrades = new BatchTrades();

    private volatile long lastSequence;
    private volatile long lastTimestamp;
    private PendingCommand current;
    /** The engine thread, as the last command start saw it (a fault on another thread never reads its state). */
    private Thread engineThread;
    private long currentUserId;
    private CommandType currentType;
    private boolean answered;
    private RejectReason setupReject;
    private long timestamp;

    ExecutionReportPublisher(PendingCommands pending, UserSessions sessions, OrderIdDirectory orderIds,
                             MarketDataHub marketData, GatewayMetrics metrics) {
        this.pending = pending;
        this.sessions = sessions;
        this.orderIds = orderIds;
        this.marketData = marketData;
        this.metrics = metrics;
    }

    /** Adds an order that was open before a restart (start-up, before the pipeline runs). */
    void restoreOpenOrder(OrderView view) {
        viewsOf(view.userId).put(view.orderId, view);
    }

    /** @return the view of an open order, or null (tests, with the pipeline stopped) */
    OrderView openView(long userId, long orderId) {
        return viewsOf(userId).get(orderId);
    }

    @Override
    public void onCommandStart(long sessionId, long requestId, long userId, CommandType type, long sequence,
                               long ts) {
        current = requestId == 0 ? null : pending.take(requestId);
        engineThread = Thread.currentThread();
        currentUserId = userId;
        currentType = type;
        answered = false;
        setupReject = null;
        timestamp = ts;
        lastSequence = sequence;
        lastTimestamp = ts;
    }

    /** @return the sequence of the last command whose results were released (any thread) */
    long lastSequence() {
        return lastSequence;
    }

    /** @return that command's timestamp (any thread) */
    long lastTimestamp() {
        return lastTimestamp;
    }

    @Override
    public void onCommandEnd(long sessionId, long requestId) {
        if (current != null) {
            if (current.callback() != null && !answered) {
                current.callback().onDone(setupReject);
            }
            if (current.origin() != null) {
                current.origin().answerQueued();
            }
        }
        current = null;
    }

    @Override
    public void onEndOfBatch() {
        flushTouched();
        batchTrades.handTo(marketData);
    }

    /** Flushes the order events of the connections this batch queued some for. Engine thread. */
    private void flushTouched() {
        for (int i = 0; i < touched.size(); i++) {
            touched.get(i).flushOrderEvents();
        }
        touched.clear();
        touchedSet.clear();
    }

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
        OrderView view = current != null && current.orderId() == orderId ? current.placed() : null;
        if (view == null) {
            view = new OrderView(userId, orderId, null, Symbol.decode(symbol), side, orderType, tif, price, qty);
        }
        viewsOf(userId).put(orderId, view);
        begin(view, "accepted");
        publish(userId, orderId, null);
    }

    @Override
    public void onRejected(long userId, long orderId, CommandType command, RejectReason reason) {
        if (userId == 0 && orderId == 0) {
            setupReject = reason;
            return;
        }
        OrderView view = viewsOf(userId).get(orderId);
        if (command == CommandType.PLACE) {
            if (current != null && current.placed() != null) {
                view = current.placed();
                view.leavesQty = 0;
                orderIds.of(userId).releaseRejected(view, reason == RejectReason.DUPLICATE_ORDER_ID);
            }
        }
        if (view != null) {
            begin(view, "rejected");
        } else {
            body.setLength(0);
            body.append(",\"event\":\"rejected\"");
            JsonText.field(body, "orderId", orderId);
        }
        JsonText.field(body, "reason", reason.name());
        publish(userId, orderId, reason);
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
        batchTrades.add(symbol, price, qty, aggressor, timestamp);
        fill(buyUserId, buyOrderId, price, qty, buyLeavesQty, buyCommission, 0);
        fill(sellUserId, sellOrderId, price, qty, sellLeavesQty, sellCommission, sellTax);
    }

    private void fill(long userId, long orderId, long price, long qty, long leavesQty, long fee, long tax) {
        final Long2ObjectHashMap<OrderView> views = viewsOf(userId);
        final OrderView view = views.get(orderId);
        if (view == null) {
            return;
        }
        view.filledQty += qty;
        view.fillNotional += price * qty;
        view.leavesQty = leavesQty;
        begin(view, leavesQty == 0 ? "fill" : "partial_fill");
        JsonText.field(body, "lastFillPrice", price);
        JsonText.field(body, "lastFillQty", qty);
        JsonText.field(body, "fee", fee);
        JsonText.field(body, "tax", tax);
        publish(userId, orderId, null);
        if (leavesQty == 0) {
            orderIds.closed(views.remove(orderId));
        }
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
        final OrderView view = viewsOf(userId).remove(orderId);
        removed(userId, orderId, qty, view, "canceled", RemovalReasons.canceled(currentType, view));
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
        removed(userId, orderId, qty, viewsOf(userId).remove(orderId), "expired", RemovalReasons.expired(currentType));
    }

    /**
     * @param view the removed order's view, taken out of its user's open orders, or null when the gateway did not follow it
     * @param reason why (see {@link RemovalReasons}), or null when that cannot be told
     */
    private void removed(long userId, long orderId, long qty, OrderView view, String event, String reason) {
        if (view == null) {
            body.setLength(0);
            body.append(",\"event\":\"").append(event).append('"');
            JsonText.field(body, "orderId", orderId);
            JsonText.field(body, "leavesQty", 0);
        } else {
            view.leavesQty = 0;
            begin(view, event);
            orderIds.closed(view);
        }
        JsonText.field(body, "canceledQty", qty);
        if (reason != null) {
            JsonText.field(body, "removalReason", reason);
        }
        publish(userId, orderId, null);
    }

    @Override
    public void onModified(long userId, long orderId, long price, long qty) {
        final OrderView view = viewsOf(userId).get(orderId);
        if (view == null) {
            body.setLength(0);
            body.append(",\"event\":\"modified\"");
            JsonText.field(body, "orderId", orderId);
            JsonText.field(body, "price", price);
            JsonText.field(body, "leavesQty", qty);
        } else {
            view.price = price;
            view.qty = view.filledQty + qty;
            view.leavesQty = qty;
            begin(view, "modified");
        }
        publish(userId, orderId, null);
    }

    /**
     * Tells the submitter of every command still waiting that the exchange stopped before answering it.
     * When the fault met the engine stage itself (this is the engine thread), the batch never ends: the
     * answers it queued are flushed (their commands are journaled), and the command being applied is
     * settled too, its answer counted if it was given, otherwise its submitter told as the waiting ones are.
     */
    @Override
    public void onPipelineStopped(Throwable fault) {
        if (Thread.currentThread() == engineThread) {
            final PendingCommand inProgress = current;
            current = null;
            if (inProgress != null) {
                if (!answered) {
                    tellStopped(inProgress);
                } else if (inProgress.origin() != null) {
                    inProgress.origin().answerQueued();
                }
            }
            flushTouched();
        }
        pending.drain(ExecutionReportPublisher::tellStopped);
    }

    private static void tellStopped(PendingCommand command) {
        if (command.callback() != null) {
            command.callback().onStopped();
        }
        if (command.origin() != null) {
            command.origin().sendOrderEvent(EngineCall.stoppedBeforeAnswering().webSocketError(command.echoId()));
            command.origin().answerQueued();
            command.origin().flushOrderEvents();
        }
    }

    @Override
    public void onAccountReset(long userId, long cash) {
        final Long2ObjectHashMap<OrderView> views = openOrders.remove(userId);
        if (views != null) {
            views.values().forEach(orderIds::closed);
        }
    }

    @Override
    public void onSymbolListed(long symbol, String name, long basePrice) {
        marketData.onSymbolListed(symbol, name, basePrice);
    }

    private Long2ObjectHashMap<OrderView> viewsOf(long userId) {
        Long2ObjectHashMap<OrderView> views = openOrders.get(userId);
        if (views == null) {
            views = new Long2ObjectHashMap<>();
            openOrders.put(userId, views);
        }
        return views;
    }

    /** Starts the body of an event: everything after the type, with the order's current state. */
    private void begin(OrderView view, String event) {
        body.setLength(0);
        body.append(",\"event\":\"").append(event).append('"');
        JsonText.field(body, "orderId", view.orderId);
        JsonText.field(body, "clientOrderId", view.clientOrderId);
        JsonText.field(body, "symbol", view.symbol);
        JsonText.field(body, "side", view.side.name());
        JsonText.field(body, "orderType", view.orderType.name());
        JsonText.field(body, "tif", view.tif.name());
        JsonText.field(body, "price", view.price);
        JsonText.field(body, "qty", view.qty);
        JsonText.field(body, "filledQty", view.filledQty);
        JsonText.field(body, "leavesQty", view.leavesQty);
        JsonText.field(body, "avgFillPrice", view.avgFillPrice());
    }

    /**
     * Finishes the body and sends it: direct answer first, then every connection of the user. The
     * message without the {@code id} echo is built only when someone gets it (the REST caller or
     * another connection of the user).
     */
    private void publish(long userId, long orderId, RejectReason reason) {
        JsonText.field(body, "ts", timestamp);
        body.append('}');
        final boolean direct = !answered && current != null && userId == currentUserId && orderId == current.orderId();
        String plain = null;
        String withId = null;
        if (direct) {
            answered = true;
            metrics.ackLatencyNanos(System.nanoTime() - current.submittedNanos());
            if (current.callback() != null) {
                plain = PREFIX + body;
                current.callback().onOrderAnswer(plain, reason);
            }
            if (current.echoId() != null) {
                withId = PREFIX + ",\"id\":" + current.echoId() + body;
            }
        }
        for (OrderEventSink sink : sessions.of(userId)) {
            if (withId != null && sink == current.origin()) {
                sink.sendOrderEvent(withId);
            } else {
                if (plain == null) {
                    plain = PREFIX + body;
                }
                sink.sendOrderEvent(plain);
            }
            if (touchedSet.add(sink)) {
                touched.add(sink);
            }
        }
    }
}
