package com.motoo.gateway.order;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.account.Account;
import com.motoo.engine.book.Order;
import com.motoo.engine.command.Symbol;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.function.Consumer;

/**
 * Rebuilds order numbering, client order ids and the views of open orders at start-up, from the
 * newest usable snapshot ({@link ClientOrderSnapshots}) and the client-order journal after it, or
 * from the whole journal, together with the recovered engine. Both give the same state (the same
 * names resolve to the same orders, the same order ids are handed out next, the same open orders
 * are described alike).
 *
 * <p>The journal has every PLACE the gateway submitted; a client order id stays used if the engine
 * used its order id, and only the last record of an order id can have been accepted (an earlier
 * one was rejected, or never got in, and its id handed out again), so a later record of an order id
 * frees the client order id of the one before. A snapshot's names are the live gateway's at its
 * journal position: closed orders' fingerprints are final (a used order id never comes back); names
 * kept as strings or server names may belong to PLACEs that were in flight then, so each is kept only
 * if the engine used its order id (shrunk to a fingerprint if the order is closed by now), and is
 * freed by a later record of its order id as a journaled one is. A record after the snapshot's position
 * may already be in it (it was bound before the snapshot read that user): applying it again frees its
 * name from its order first, so it is bound once.
 *
 * <p>Start-up thread, once, before any command is submitted. Allocates per record, and for the
 * duration a map of each user's order ids to their last client order id for the records read and the
 * snapshot's names kept as strings (about 20 to 40 bytes each).
 */
final class ClientOrderRestore {
    private final OrderIdDirectory orderIds;
    private final ExecutionReportPublisher output;
    private final MatchingEngine engine;
    private final Long2ObjectHashMap<Long2ObjectHashMap<String>> lastClientOrderIds = new Long2ObjectHashMap<>();
    private boolean fromSnapshot;

    /** @param engine the recovered engine, read on the calling thread */
    ClientOrderRestore(OrderIdDirectory orderIds, ExecutionReportPublisher output, MatchingEngine engine) {
        this.orderIds = orderIds;
        this.output = output;
        this.engine = engine;
    }

    /**
     * @param snapshots where snapshots are, or null to read the whole journal
     * @param log told about each snapshot that could not be used, and why
     * @return what was read and how long it took
     */
    ClientOrderRestoreReport run(ClientOrderJournal journal, ClientOrderSnapshots snapshots, Consumer<String> log) {
        final long started = System.nanoTime();
        final ClientOrderSnapshot.Loaded snapshot = snapshots == null ? null
            : snapshots.loadNewest(journal, reason -> log.accept("client-order snapshot not used: " + reason));
        JournalPosition after = JournalPosition.START;
        if (snapshot != null) {
            fromSnapshot = true;
            after = snapshot.position();
            snapshot.users().forEach((userId, ids) -> {
                orderIds.install(userId, ids);
                settleSnapshotNames(userId, ids);
            });
        }
        final long snapshotNanos = System.nanoTime() - started;
        long records = 0;
        try (ClientOrderJournal.Reader reader = journal.reader(after.index())) {
            for (OrderView view = reader.next(); view != null; view = reader.next()) {
                records++;
                apply(view);
            }
        }
        for (long userId : engine.userIdsAscending()) {
            orderIds.of(userId).noteUsed(highestUsedOrderId(engine.account(userId)));
            releaseUnusedOrderIds(userId);
        }
        orderIds.forEach((userId, ids) -> {
            if (engine.account(userId) == null) {
                releaseUnusedOrderIds(userId);
            }
        });
        return new ClientOrderRestoreReport(snapshot == null ? null : snapshot.file(), after.index(),
            snapshot == null ? 0 : snapshot.names(), snapshotNanos, records, System.nanoTime() - started);
    }

    /**
     * Settles a snapshot's names that may belong to PLACEs in flight when it was taken, against the
     * engine: a name kept as a string stays if the engine used its order (shrunk to a fingerprint if
     * the order is closed), a server name if the engine used its order id; open orders get their views.
     * The strings become the user's last client order ids, which later records of their order ids free.
     */
    private void settleSnapshotNames(long userId, UserOrderIds ids) {
        final Account account = engine.account(userId);
        final Long2ObjectHashMap<String> names = ids.namesByOrderId();
        if (!names.isEmpty()) {
            lastClientOrderIds.put(userId, names);
        }
        names.forEachLong((orderId, name) -> {
            final Order open = engine.openOrder(userId, orderId);
            if (open != null) {
                output.restoreOpenOrder(describe(userId, name, open));
            } else if (isUsed(account, orderId)) {
                ids.retire(name, orderId);
            } else {
                ids.unbind(name, orderId);
            }
        });
        if (account == null) {
            ids.freeServerNamesUnused(0, orderId -> false);
            return;
        }
        ids.freeServerNamesUnused(account.orderIds().contiguousUpTo(), account.orderIds()::isUsed);
        account.openOrders().forEach(open -> {
            if (ids.isServerNamed(open.orderId())) {
                output.restoreOpenOrder(describe(userId, UserOrderIds.serverName(open.orderId()), open));
            }
        });
    }

    /** Applies one journal record (see the class comment). */
    private void apply(OrderView view) {
        Long2ObjectHashMap<String> ofUser = lastClientOrderIds.get(view.userId);
        if (ofUser == null) {
            ofUser = new Long2ObjectHashMap<>();
            lastClientOrderIds.put(view.userId, ofUser);
        }
        final UserOrderIds ids = orderIds.of(view.userId);
        String superseded = ofUser.put(view.orderId, view.clientOrderId);
        if (superseded == null && fromSnapshot && ids.isServerNamed(view.orderId)) {
            superseded = UserOrderIds.serverName(view.orderId);
        }
        ids.noteUsed(view.orderId);
        if (superseded != null) {
            ids.unbind(superseded, view.orderId);
        }
        if (fromSnapshot) {
            ids.unbind(view.clientOrderId, view.orderId);
        }
        final Account account = engine.account(view.userId);
        if (isUsed(account, view.orderId)) {
            ids.rebind(view.clientOrderId, view.orderId);
        }
        final Order open = engine.openOrder(view.userId, view.orderId);
        if (open != null) {
            output.restoreOpenOrder(describe(view, open));
        } else {
            ids.retire(view.clientOrderId, view.orderId);
        }
    }

    /**
     * @return the view with the engine's current price and open quantity, and what the order has
     *         filled (quantity and notional, which the engine keeps per order), so later reports carry
     *         the same figures as they would have without the restart
     */
    private static OrderView describe(OrderView view, Order open) {
        view.price = open.price();
        view.leavesQty = open.openQty();
        view.filledQty = open.filledQty();
        view.fillNotional = open.fillNotional();
        view.qty = open.filledQty() + open.openQty();
        return view;
    }

    /** @return a view of an open order the snapshot named, described as {@link #describe(OrderView, Order)} does */
    private static OrderView describe(long userId, String clientOrderId, Order open) {
        return describe(new OrderView(userId, open.orderId(), clientOrderId, Symbol.decode(open.book().symbol()),
            open.side(), open.type(), open.tif(), open.price(), 0), open);
    }

    private static boolean isUsed(Account account, long orderId) {
        return account != null && account.orderIds().isUsed(orderId);
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
    private void releaseUnusedOrderIds(long userId) {
        final UserOrderIds ids = orderIds.of(userId);
        final Account account = engine.account(userId);
        final long last = ids.lastOrderId();
        for (long id = account == null ? 1 : account.orderIds().contiguousUpTo() + 1; id <= last; id++) {
            if (account == null || !account.orderIds().isUsed(id)) {
                ids.release(id);
            }
        }
    }
}
