package com.motoo.gateway.order;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.PipelineOutput;
import com.motoo.engine.pipeline.SubmitResult;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import com.motoo.journal.JournalWriteException;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The gateway's way into the engine: turns validated requests into engine commands, numbers
 * orders, keeps the client-order-id map, journals each PLACE's client id, and submits to the
 * {@link CommandPipeline}. Results come back through {@link #output()}. Any thread (Netty event
 * loops, REST workers); never blocks: a full ring is reported as BUSY at once.
 */
public final class OrderEntryService {
    private final PendingCommands pending;
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
     * @param ringSize the pipeline's ring size, which bounds the commands in flight (a submit that finds
     *        the ring full is refused BUSY)
     */
    public OrderEntryService(ClientOrderJournal clientOrders, UserSessions sessions, MarketDataHub marketData,
                             GatewayMetrics metrics, int ringSize) {
        this.clientOrders = clientOrders;
        this.metrics = metrics;
        this.pending = new PendingCommands(ringSize);
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
     * Rebuilds order numbering, client order ids and the views of open orders (start-up, before {@link
     * #attach}) from the newest usable order-state snapshot and the client-order journal after it, or
     * from the whole journal, and the recovered engine ({@link ClientOrderRestore}). Each user's
     * numbering then continues after the highest order id the engine used, even one the journal lost,
     * and every order id up to a user's last one that the engine has not used is given back, lowest
     * first, so numbering stays dense for the engine.
     *
     * @param engine the recovered engine, read on the calling thread before any command is submitted
     * @param snapshots where the order-state snapshots are, or null to read the whole journal
     * @param log told about each snapshot that could not be used, and why
     * @return what was read and how long it took
     */
    public ClientOrderRestoreReport restore(MatchingEngine engine, ClientOrderSnapshots snapshots, Consumer<String> log) {
        return new ClientOrderRestore(orderIds, output, engine).run(clientOrders, snapshots, log);
    }

    /**
     * Shrinks the names of the orders closed so far to fingerprints, then writes an order-state
     * snapshot ({@link ClientOrderSnapshots#write}). Snapshot thread, or the closing thread.
     *
     * @return what was written, or null when the client-order journal is empty
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    ClientOrderSnapshots.Written snapshot(ClientOrderSnapshots snapshots) {
        orderIds.retireClosed();
        return snapshots.write(orderIds, clientOrders, System.currentTimeMillis());
    }

    /**
     * Places an order for a user. Without a client order id the order is named {@code auto-<orderId>},
     * or {@code auto-<orderId>.<n>} if the client took that name for another order.
     *
     * @param origin the WebSocket connection asking (its direct answer carries {@code echoId}), or null
     * @param callback the REST caller waiting for the answer, or null
     * @return the server-assigned order id
     * @throws RequestException DUPLICATE_ORDER_ID (409) for a client order id already used, naming the
     *         order that used it ({@link RequestException#orderId()}); BUSY (503) when the ring is full
     *         or the client-order journal cannot be written (a full disk), the ids given back
     */
    public long place(long userId, PlaceRequest request, OrderEventSink origin, String echoId, CommandCallback callback) {
        final UserOrderIds ids = orderIds.of(userId);
        final long orderId = ids.nextOrderId();
        final String clientOrderId = request.clientOrderId() == null ? ids.bindServerName(orderId)
            : bindClientName(ids, request.clientOrderId(), orderId);
        final OrderView view = new OrderView(userId, orderId, clientOrderId, request.symbol(), request.side(),
            request.orderType(), request.tif(), request.price(), request.qty());
        try {
            journal(view);
            final Command command = commands.get().place(userId, orderId, Symbol.encode(request.symbol()),
                request.side(), request.orderType(), request.tif(), request.price(), request.qty());
            submit(command, new PendingCommand(origin, echoId, callback, userId, orderId, view, System.nanoTime()));
        } catch (RequestException e) {
            ids.unbind(clientOrderId, orderId);
            ids.release(orderId);
            throw e;
        }
        return orderId;
    }

    /** Journals a PLACE's client order id before it goes on @throws RequestException BUSY when the journal cannot be written */
    private void journal(OrderView view) {
        try {
            clientOrders.append(view);
        } catch (JournalWriteException e) {
            System.err.println("motoo gateway: " + e.getMessage());
            throw new RequestException("BUSY", 503, "the exchange cannot write its journal; try again later");
        }
    }

    /** @return the client's name, now bound @throws RequestException DUPLICATE_ORDER_ID, giving the order id back */
    private static String bindClientName(UserOrderIds ids, String clientOrderId, long orderId) {
        final long holder = ids.bind(clientOrderId, orderId);
        if (holder != 0) {
            ids.release(orderId);
            throw new RequestException("DUPLICATE_ORDER_ID", 409, "clientOrderId '" + clientOrderId
                + "' is used by order " + holder, holder);
        }
        return clientOrderId;
    }

    /**
     * Modifies an open order: new price and new open quantity. A client order id names its order
     * for ever, so one whose order is closed gets the engine's UNKNOWN_ORDER reject, as the order id does.
     *
     * @throws RequestException UNKNOWN_ORDER (404) for a client order id that names no order, BUSY
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

    /**
     * @return the order a user's client order id names (accepted, or placed and not answered yet),
     *         or 0 when the id is free. Any thread.
     */
    public long orderIdOf(long userId, String clientOrderId) {
        return orderIds.of(userId).orderIdOf(clientOrderId);
    }

    /**
     * Shrinks the names of orders closed since the last call to fingerprints ({@link UserOrderIds}),
     * so that a client-chosen name costs 20 to 40 bytes once its order is done. The gateway runs it
     * on its housekeeping thread; until it runs, the names of closed orders stay strings (same answers,
     * more memory). Never throws.
     */
    public void retireClosedNames() {
        orderIds.retireClosed();
    }

    /** @return a user's numbering and names (tests) */
    UserOrderIds orderIdsOf(long userId) {
        return orderIds.of(userId);
    }

    /** @return a reusable command for this thread (for {@link #submitAdmin}) */
    public Command command() {
        return commands.get();
    }

    private long resolve(long userId, OrderTarget target) {
        if (target.clientOrderId() == null) {
            return target.orderId();
        }
        final long orderId = orderIdOf(userId, target.clientOrderId());
        if (orderId == 0) {
            throw new RequestException("UNKNOWN_ORDER", 404, "no order with clientOrderId '"
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
        final OrderEventSink origin = request.origin();
        if (origin != null) {
            origin.answerPending(); // before the put: from then on a stopping pipeline's drain may answer it
        }
        if (!pending.put(requestId, request)) {
            if (origin != null) {
                origin.answerQueued();
            }
            metrics.orderBusy();
            throw new RequestException("BUSY", 503, "too many commands in flight; try again");
        }
        final SubmitResult result = p.submit(origin == null ? 0 : origin.userId(), requestId, command);
        if (result != SubmitResult.OK) {
            if (pending.remove(requestId, request) && origin != null) {
                origin.answerQueued(); // the caller answers with the error below instead (unless the drain did)
            }
            metrics.orderBusy();
            throw result == SubmitResult.BUSY ? new RequestException("BUSY", 503, "the exchange is busy; try again")
                : RequestException.stopping("the exchange is stopping");
        }
        metrics.orderSubmitted();
    }
}
