package com.motoo.gateway.order;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.account.Account;
import com.motoo.engine.book.Order;
import com.motoo.engine.command.Command;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.pipeline.CommandPipeline;
import com.motoo.engine.pipeline.PipelineOutput;
import com.motoo.engine.pipeline.SubmitResult;
import com.motoo.gateway.marketdata.MarketDataHub;
import com.motoo.gateway.metrics.GatewayMetrics;
import com.motoo.journal.JournalWriteException;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.concurrent.atomic.AtomicLong;

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
     * Rebuilds order numbering and client order ids from the journal (start-up, before {@link #attach}). A
     * client order id stays used if the engine used its order id: the journal has every PLACE the gateway
     * submitted, and only the last one of each order id can have been accepted (an earlier one was
     * rejected, or never got in, and its id handed out again), so a later record of an order id frees the
     * client order id of the one before. Orders still open in the engine get their view back, with the
     * engine's current price, open quantity, and what the order has filled (quantity and notional, which
     * the engine keeps per order), so later reports carry the same quantities and average price as they
     * would have without the restart; the names of closed orders are kept as fingerprints ({@link
     * UserOrderIds}). Last, each user's numbering continues after the highest order id the engine used,
     * even one the journal lost, and every order id up to a user's last one that the engine has not used
     * is given back, lowest first, so numbering stays dense for the engine (see {@link
     * #releaseUnusedOrderIds}). Allocates per record, and for the duration a map of each user's order ids
     * to their last client order id (about 20 to 40 bytes per order id).
     *
     * @param engine the recovered engine, read on the calling thread before any command is submitted
     * @return how many journal records were read
     */
    public long restore(MatchingEngine engine) {
        final Long2ObjectHashMap<Long2ObjectHashMap<String>> lastClientOrderIds = new Long2ObjectHashMap<>();
        final long[] records = {0};
        clientOrders.replay(view -> {
            records[0]++;
            restoreClientOrderId(engine, lastClientOrderIds, view);
            final Order open = engine.openOrder(view.userId, view.orderId);
            if (open != null) {
                view.price = open.price();
                view.leavesQty = open.openQty();
                view.filledQty = open.filledQty();
                view.fillNotional = open.fillNotional();
                view.qty = open.filledQty() + open.openQty();
                output.restoreOpenOrder(view);
            } else {
                orderIds.of(view.userId).retire(view.clientOrderId, view.orderId);
            }
        });
        for (long userId : engine.userIdsAscending()) {
            orderIds.of(userId).noteUsed(highestUsedOrderId(engine.account(userId)));
            releaseUnusedOrderIds(engine, userId);
        }
        lastClientOrderIds.forEachLong((userId, ofUser) -> {
            if (engine.account(userId) == null) {
                releaseUnusedOrderIds(engine, userId);
            }
        });
        return records[0];
    }

    /**
     * @return the highest order id the engine used for the account: the client-order journal is
     *         not synced, so after a machine crash it can lack PLACEs the engine's journal kept
     */
    private static long highestUsedOrderId(Account account) {
        final long[] sparse = account.orderIds().sparseIdsSorted();
        return sparse.length == 0 ? account.orderIds().contiguousUpTo() : sparse[sparse.length - 1];
    }

    /**
     * Gives back, lowest first, the user's order ids up to the last one handed out that the engine
     * never used: those whose last PLACE was rejected or never reached the engine, and any handed
     * out but never journaled. Before a restart they waited to be handed out again in memory only;
     * left unused, they would make the engine keep every later id of the user in its sparse set.
     */
    private void releaseUnusedOrderIds(MatchingEngine engine, long userId) {
        final UserOrderIds ids = orderIds.of(userId);
        final Account account = engine.account(userId);
        final long last = ids.lastOrderId();
        for (long id = account == null ? 1 : account.orderIds().contiguousUpTo() + 1; id <= last; id++) {
            if (account == null || !account.orderIds().isUsed(id)) {
                ids.release(id);
            }
        }
    }

    /**
     * Binds a journal record's client order id if the engine used the record's order id, and frees
     * the client order id of the earlier record of that order id, which this one supersedes.
     */
    private void restoreClientOrderId(MatchingEngine engine,
                                      Long2ObjectHashMap<Long2ObjectHashMap<String>> lastClientOrderIds, OrderView view) {
        Long2ObjectHashMap<String> ofUser = lastClientOrderIds.get(view.userId);
        if (ofUser == null) {
            ofUser = new Long2ObjectHashMap<>();
            lastClientOrderIds.put(view.userId, ofUser);
        }
        final String superseded = ofUser.put(view.orderId, view.clientOrderId);
        final UserOrderIds ids = orderIds.of(view.userId);
        ids.noteUsed(view.orderId);
        if (superseded != null) {
            ids.unbind(superseded, view.orderId);
        }
        final Account account = engine.account(view.userId);
        if (account != null && account.orderIds().isUsed(view.orderId)) {
            ids.rebind(view.clientOrderId, view.orderId);
        }
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
        if (!pending.put(requestId, request)) {
            metrics.orderBusy();
            throw new RequestException("BUSY", 503, "too many commands in flight; try again");
        }
        final SubmitResult result = p.submit(request.origin() == null ? 0 : request.origin().userId(), requestId, command);
        if (result != SubmitResult.OK) {
            pending.remove(requestId, request);
            metrics.orderBusy();
            throw new RequestException("BUSY", 503, result == SubmitResult.BUSY
                ? "the exchange is busy; try again" : "the exchange is stopping");
        }
        metrics.orderSubmitted();
    }
}
