package com.motoo.gateway.order;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.book.Order;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.PipelineOutput;
import com.motoo.engine.pipeline.SubmitResult;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's way into the engine: turns validated requests into engine commands, numbers
 * orders, keeps the client-order-id map, journals each PLACE's client id, and submits to the
 * {@link CommandPipeline}. Results come back through {@link #output()}. Any thread (Netty event
 * loops, REST workers); never blocks: a full ring is reported as BUSY at once.
 */
public final class OrderEntryService {
    private final ConcurrentHashMap<Long, PendingCommand> pending = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final OrderIdDirectory orderIds = new OrderIdDirectory();
    private final ThreadLocal<Command> commands = ThreadLocal.withInitial(Command::new);
    private final ClientOrderJournal clientOrders;
    private final GatewayMetrics metrics;
    private final ExecutionReportPublisher output;
    private volatile CommandPipeline pipeline;

    /**
     * @param clientOrders the journal of client order ids (already replayed into this service by {@link #restore})
     * @param sessions every user's connections, for execution reports
     * @param marketData where trades go
     * @param metrics counters and the ack latency histogram
     */
    public OrderEntryService(ClientOrderJournal clientOrders, UserSessions sessions, MarketDataHub marketData,
                             GatewayMetrics metrics) {
        this.clientOrders = clientOrders;
        this.metrics = metrics;
        this.output = new ExecutionReportPublisher(pending, sessions, orderIds, marketData, metrics);
    }

    /** @return the sequence of the last command whose results were released (any thread) */
    public long lastReleasedSequence() {
        return output.lastSequence();
    }

    /** @return that command's timestamp, epoch ms (any thread) */
    public long lastReleasedTimestamp() {
        return output.lastTimestamp();
    }

    /** @return the listener the pipeline must be built with */
    public PipelineOutput output() {
        return output;
    }

    /** Connects the started pipeline; submissions before this fail with STOPPED. */
    public void attach(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Rebuilds order numbering and client order ids from the journal (start-up, before
     * {@link #attach}). Orders still open in the engine get their view back, with the engine's
     * current price and open quantity, so later reports are complete. What filled before the
     * restart is taken as the original quantity minus the open one (a quantity reduced by a modify
     * counts as filled here; the fill notional is not known, so the average fill price restarts).
     *
     * @param engine the recovered engine, read on the calling thread before any command is submitted
     */
    public void restore(MatchingEngine engine) {
        clientOrders.replay(view -> {
            final UserOrderIds ids = orderIds.of(view.userId);
            ids.noteUsed(view.orderId);
            final Order open = engine.openOrder(view.userId, view.orderId);
            if (open != null) {
                if (view.clientOrderId != null) {
                    ids.rebind(view.clientOrderId, view.orderId);
                }
                view.price = open.price();
                view.leavesQty = open.openQty();
                view.qty = Math.max(view.qty, open.openQty());
                view.filledQty = view.qty - open.openQty();
                output.restoreOpenOrder(view);
            }
        });
    }

    /**
     * Places an order for a user.
     *
     * @param origin the WebSocket connection asking (its direct answer carries {@code echoId}), or null
     * @param callback the REST caller waiting for the answer, or null
     * @return the server-assigned order id
     * @throws RequestException DUPLICATE_ORDER_ID (409) for a client order id in use, BUSY (503)
     */
    public long place(long userId, PlaceRequest request, OrderEventSink origin, String echoId, CommandCallback callback) {
        final UserOrderIds ids = orderIds.of(userId);
        final long orderId = ids.nextOrderId();
        final String clientOrderId = request.clientOrderId() != null ? request.clientOrderId() : "auto-" + orderId;
        if (!ids.bind(clientOrderId, orderId)) {
            ids.release(orderId);
            throw new RequestException("DUPLICATE_ORDER_ID", 409, "clientOrderId '" + clientOrderId + "' is in use");
        }
        final OrderView view = new OrderView(userId, orderId, clientOrderId, request.symbol(), request.side(),
            request.orderType(), request.tif(), request.price(), request.qty());
        clientOrders.append(view);
        final Command command = commands.get().place(userId, orderId, Symbol.encode(request.symbol()), request.side(),
            request.orderType(), request.tif(), request.price(), request.qty());
        try {
            submit(command, new PendingCommand(origin, echoId, callback, userId, orderId, view, System.nanoTime()));
        } catch (RequestException e) {
            ids.unbind(clientOrderId, orderId);
            ids.release(orderId);
            throw e;
        }
        return orderId;
    }

    /**
     * Modifies an open order: new price and new open quantity.
     *
     * @throws RequestException UNKNOWN_ORDER (404) for a client order id that names no open order, BUSY
     */
    public void modify(long userId, OrderTarget target, long price, long qty, OrderEventSink origin, String echoId,
                       CommandCallback callback) {
        final long orderId = resolve(userId, target);
        submit(commands.get().modify(userId, orderId, price, qty),
            new PendingCommand(origin, echoId, callback, userId, orderId, null, System.nanoTime()));
    }

    /** Cancels an open order. @throws RequestException as {@link #modify} */
    public void cancel(long userId, OrderTarget target, OrderEventSink origin, String echoId, CommandCallback callback) {
        final long orderId = resolve(userId, target);
        submit(commands.get().cancel(userId, orderId),
            new PendingCommand(origin, echoId, callback, userId, orderId, null, System.nanoTime()));
    }

    /**
     * Submits a set-up or admin command (ACCOUNT, RESET, DEPOSIT, LIST, HALT, RESUME) filled in by
     * the caller; the outcome reaches {@link CommandCallback#onDone}.
     *
     * @throws RequestException BUSY (503) when the ring is full or the pipeline is not running
     */
    public void submitAdmin(Command command, CommandCallback callback) {
        submit(command, new PendingCommand(null, null, callback, command.userId(), 0, null, System.nanoTime()));
    }

    /** @return a reusable command for this thread (for {@link #submitAdmin}) */
    public Command command() {
        return commands.get();
    }

    private long resolve(long userId, OrderTarget target) {
        if (target.clientOrderId() == null) {
            return target.orderId();
        }
        final long orderId = orderIds.of(userId).orderIdOf(target.clientOrderId());
        if (orderId == 0) {
            throw new RequestException("UNKNOWN_ORDER", 404, "no open order with clientOrderId '"
                + target.clientOrderId() + "'");
        }
        return orderId;
    }

    private void submit(Command command, PendingCommand request) {
        final CommandPipeline p = pipeline;
        if (p == null) {
            throw new RequestException("BUSY", 503, "the exchange is starting; try again");
        }
        final long requestId = requestIds.incrementAndGet();
        pending.put(requestId, request);
        final SubmitResult result = p.submit(request.origin() == null ? 0 : request.origin().userId(), requestId, command);
        if (result != SubmitResult.OK) {
            pending.remove(requestId);
            metrics.orderBusy();
            throw new RequestException("BUSY", 503, result == SubmitResult.BUSY
                ? "the exchange is busy; try again" : "the exchange is stopping");
        }
        metrics.orderSubmitted();
    }
}
