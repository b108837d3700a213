package com.motoo.persister.apply;

import com.motoo.engine.command.OrderType;
import com.motoo.engine.command.Side;
import com.motoo.engine.command.Symbol;
import com.motoo.engine.command.TimeInForce;
import com.motoo.engine.event.EngineEventAdapter;
import com.motoo.engine.rules.MarketRules;
import com.motoo.persister.db.CopyRows;
import org.agrona.collections.Long2ObjectHashMap;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps accounts (cash, reserved cash, epoch, contributed capital), positions (qty, reserved qty, cost basis, realized
 * P&amp;L), the cash ledger, the share ledger (grants and the positions a reset removes) and symbols (base, last
 * price, halt) in step with the events. It mirrors the engine's reservations per open order so that reserved
 * cash and shares match the engine's after every command. See {@link PositionState} for the cost
 * basis and P&amp;L rules. A rejected command changes no account, so {@code onRejected} keeps
 * {@link EngineEventAdapter}'s no-op. Single-threaded.
 */
final class AccountSink extends EngineEventAdapter implements ReadModelSink {
    private static final String[] TEMP_TABLES = {
        "CREATE TEMP TABLE IF NOT EXISTS tmp_accounts (LIKE accounts) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS tmp_positions (LIKE positions) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS tmp_reservations (LIKE open_reservations) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS tmp_closed_reservations (user_id bigint, order_id bigint) ON COMMIT DELETE ROWS",
        "CREATE TEMP TABLE IF NOT EXISTS tmp_symbols (LIKE symbols) ON COMMIT DELETE ROWS",
    };

    /**
     * The POSITION_CLOSED_BY_RESET lines of every reset in the cash ledger that has none, made as
     * migration V5 made them for the resets before it: the ended epoch's positions as that reset
     * left them, the cash before it, no value per share. V5 ran once, from whichever process
     * migrated first; a persister older than the share ledger may have applied resets after that,
     * without lines. Idempotent: a reset with lines, and a line already there, are left alone.
     */
    private static final String MISSING_RESET_LINES =
        "INSERT INTO share_ledger (user_id, ts_ms, seq, event_no, epoch, kind, symbol, qty, price, balance)"
            + " SELECT r.user_id, r.ts_ms, r.seq, -ROW_NUMBER() OVER (PARTITION BY r.user_id, r.seq ORDER BY p.symbol COLLATE \"C\"),"
            + " p.epoch, 'POSITION_CLOSED_BY_RESET', p.symbol, p.qty, NULL, r.balance - r.amount"
            + " FROM cash_ledger r JOIN positions p ON p.user_id = r.user_id AND p.epoch = r.epoch - 1"
            + " WHERE r.kind = 'RESET' AND p.qty > 0 AND NOT EXISTS (SELECT 1 FROM share_ledger s"
            + " WHERE s.user_id = r.user_id AND s.ts_ms = r.ts_ms AND s.seq = r.seq AND s.kind = 'POSITION_CLOSED_BY_RESET')"
            + " ON CONFLICT (user_id, ts_ms, seq, event_no) DO NOTHING";

    private final EventContext context;
    private final boolean ownsReservations;
    private final MarketRules rules;
    private final SymbolNames names;
    private final Long2ObjectHashMap<AccountState> accounts = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<SymbolState> symbols = new Long2ObjectHashMap<>();
    private final List<AccountState> dirtyAccounts = new ArrayList<>();
    private final List<PositionState> dirtyPositions = new ArrayList<>();
    private final List<Reservation> dirtyReservations = new ArrayList<>();
    private final List<SymbolState> dirtySymbols = new ArrayList<>();

    private final CopyRows ledger = new CopyRows(
        "COPY cash_ledger (user_id, ts_ms, seq, event_no, epoch, kind, amount, balance, symbol, order_id) FROM STDIN");
    private final CopyRows shareLedger = new CopyRows(
        "COPY share_ledger (user_id, ts_ms, seq, event_no, epoch, kind, symbol, qty, price, balance) FROM STDIN");
    private final CopyRows accountRows = new CopyRows(
        "COPY tmp_accounts (user_id, epoch, cash, reserved_cash, contributed, opened_ms, updated_ms) FROM STDIN");
    private final CopyRows positionRows = new CopyRows(
        "COPY tmp_positions (user_id, epoch, symbol, qty, reserved_qty, cost_basis, realized_pnl, updated_ms) FROM STDIN");
    private final CopyRows reservationRows = new CopyRows(
        "COPY tmp_reservations (user_id, order_id, symbol, side, reserve_price, open_qty) FROM STDIN");
    private final CopyRows closedReservationRows = new CopyRows(
        "COPY tmp_closed_reservations (user_id, order_id) FROM STDIN");
    private final CopyRows symbolRows = new CopyRows(
        "COPY tmp_symbols (symbol, name, base_price, last_price, halted, listed_ms) FROM STDIN");

    /**
     * @param ownsReservations whether to keep open orders' reservations in {@code open_reservations}
     *                         (a persister without the orders role); otherwise they are loaded from
     *                         the open rows of {@code orders}, which hold the same (price, open qty)
     *                         at every excerpt boundary: only resting LIMIT orders outlive their command
     */
    AccountSink(EventContext context, boolean ownsReservations, MarketRules rules, SymbolNames names) {
        this.context = context;
        this.ownsReservations = ownsReservations;
        this.rules = rules;
        this.names = names;
    }

    // ------------------------------------------------------------------ loading and writing

    /**
     * Also writes the lines of the resets that lack them ({@link #MISSING_RESET_LINES}), so that an
     * upgrade in any order (a new gateway migrating while an old persister still applies resets)
     * ends with every reset listed once the new persister has started.
     */
    @Override
    public void load(Connection connection) throws SQLException {
        clearBatch();
        accounts.clear();
        symbols.clear();
        try (Statement statement = connection.createStatement()) {
            for (String sql : TEMP_TABLES) {
                statement.execute(sql);
            }
            statement.executeUpdate(MISSING_RESET_LINES);
            try (ResultSet rs = statement.executeQuery(
                "SELECT symbol, name, base_price, last_price, halted, listed_ms FROM symbols")) {
                while (rs.next()) {
                    final long code = Symbol.encode(rs.getString(1));
                    final SymbolState symbol = new SymbolState(code, rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(6));
                    symbol.lastPrice = rs.getLong(4);
                    symbol.halted = rs.getBoolean(5);
                    symbols.put(code, symbol);
                }
            }
            try (ResultSet rs = statement.executeQuery(
                "SELECT user_id, epoch, cash, reserved_cash, contributed, opened_ms, updated_ms FROM accounts")) {
                while (rs.next()) {
                    accounts.put(rs.getLong(1), new AccountState(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                }
            }
            try (ResultSet rs = statement.executeQuery(
                "SELECT p.user_id, p.symbol, p.qty, p.reserved_qty, p.cost_basis, p.realized_pnl, p.updated_ms"
                    + " FROM positions p JOIN accounts a ON a.user_id = p.user_id AND a.epoch = p.epoch")) {
                while (rs.next()) {
                    final AccountState account = accounts.get(rs.getLong(1));
                    final long code = Symbol.encode(rs.getString(2));
                    final PositionState position = new PositionState(account.userId, account.epoch, code);
                    position.qty = rs.getLong(3);
                    position.reservedQty = rs.getLong(4);
                    position.costBasis = rs.getLong(5);
                    position.realizedPnl = rs.getLong(6);
                    position.updatedMs = rs.getLong(7);
                    account.positions.put(code, position);
                }
            }
            try (ResultSet rs = statement.executeQuery(ownsReservations
                ? "SELECT user_id, order_id, symbol, side, reserve_price, open_qty FROM open_reservations"
                : "SELECT user_id, order_id, symbol, side, price, open_qty FROM orders"
                    + " WHERE status IN ('ACCEPTED', 'PARTIALLY_FILLED')")) {
                while (rs.next()) {
                    final Reservation reservation = new Reservation(rs.getLong(1), rs.getLong(2), Symbol.encode(rs.getString(3)),
                        Side.valueOf(rs.getString(4)), rs.getLong(5), rs.getLong(6));
                    reservation.persisted = true;
                    accounts.get(reservation.userId).reservations.put(reservation.orderId, reservation);
                }
            }
        }
    }

    @Override
    public void flush(Connection connection) throws SQLException {
        for (AccountState a : dirtyAccounts) {
            accountRows.col(a.userId).col(a.epoch).col(a.cash).col(a.reservedCash).col(a.contributed).col(a.openedMs)
                .col(a.updatedMs).endRow();
        }
        for (PositionState p : dirtyPositions) {
            positionRows.col(p.userId).col(p.epoch).col(names.text(p.symbol)).col(p.qty).col(p.reservedQty)
                .col(p.costBasis).col(p.realizedPnl).col(p.updatedMs).endRow();
        }
        for (Reservation r : dirtyReservations) {
            if (r.openQty > 0) {
                reservationRows.col(r.userId).col(r.orderId).col(names.text(r.symbol)).col(r.side.name())
                    .col(r.reservePrice).col(r.openQty).endRow();
            } else if (r.persisted) {
                closedReservationRows.col(r.userId).col(r.orderId).endRow();
            }
        }
        for (SymbolState s : dirtySymbols) {
            symbolRows.col(s.symbol).col(s.name).col(s.basePrice);
            if (s.lastPrice == 0) {
                symbolRows.nul();
            } else {
                symbolRows.col(s.lastPrice);
            }
            symbolRows.col(s.halted).col(s.listedMs).endRow();
        }
        ledger.send(connection);
        shareLedger.send(connection);
        try (Statement statement = connection.createStatement()) {
            if (symbolRows.send(connection) > 0) {
                statement.executeUpdate("INSERT INTO symbols SELECT * FROM tmp_symbols ON CONFLICT (symbol) DO UPDATE"
                    + " SET base_price = EXCLUDED.base_price, last_price = EXCLUDED.last_price, halted = EXCLUDED.halted");
            }
            if (accountRows.send(connection) > 0) {
                statement.executeUpdate("INSERT INTO accounts SELECT * FROM tmp_accounts ON CONFLICT (user_id) DO UPDATE"
                    + " SET epoch = EXCLUDED.epoch, cash = EXCLUDED.cash, reserved_cash = EXCLUDED.reserved_cash,"
                    + " contributed = EXCLUDED.contributed, updated_ms = EXCLUDED.updated_ms");
            }
            if (positionRows.send(connection) > 0) {
                statement.executeUpdate("INSERT INTO positions SELECT * FROM tmp_positions"
                    + " ON CONFLICT (user_id, epoch, symbol) DO UPDATE SET qty = EXCLUDED.qty, reserved_qty = EXCLUDED.reserved_qty,"
                    + " cost_basis = EXCLUDED.cost_basis, realized_pnl = EXCLUDED.realized_pnl, updated_ms = EXCLUDED.updated_ms");
            }
            if (reservationRows.send(connection) > 0) {
                statement.executeUpdate("INSERT INTO open_reservations SELECT * FROM tmp_reservations"
                    + " ON CONFLICT (user_id, order_id) DO UPDATE SET reserve_price = EXCLUDED.reserve_price,"
                    + " open_qty = EXCLUDED.open_qty");
            }
            if (closedReservationRows.send(connection) > 0) {
                statement.executeUpdate("DELETE FROM open_reservations r USING tmp_closed_reservations c"
                    + " WHERE r.user_id = c.user_id AND r.order_id = c.order_id");
            }
        }
    }

    @Override
    public void committed() {
        for (Reservation r : dirtyReservations) {
            r.persisted = r.openQty > 0;
        }
        clearBatch();
    }

    private void clearBatch() {
        dirtyAccounts.forEach(a -> a.dirty = false);
        dirtyPositions.forEach(p -> p.dirty = false);
        dirtyReservations.forEach(r -> r.dirty = false);
        dirtySymbols.forEach(s -> s.dirty = false);
        dirtyAccounts.clear();
        dirtyPositions.clear();
        dirtyReservations.clear();
        dirtySymbols.clear();
        ledger.clear();
        shareLedger.clear();
        accountRows.clear();
        positionRows.clear();
        reservationRows.clear();
        closedReservationRows.clear();
        symbolRows.clear();
    }

    // ------------------------------------------------------------------ events

    @Override
    public void onAccepted(long userId, long orderId, long symbol, Side side, OrderType orderType, TimeInForce tif,
                           long price, long qty) {
        final AccountState account = account(userId);
        final long reservePrice;
        if (orderType == OrderType.LIMIT) {
            reservePrice = price;
        } else {
            final long base = symbol(symbol).basePrice;
            reservePrice = side == Side.BUY ? rules.upperLimit(base) : rules.lowerLimit(base);
        }
        final Reservation reservation = new Reservation(userId, orderId, symbol, side, reservePrice, qty);
        account.reservations.put(orderId, reservation);
        dirty(reservation);
        if (side == Side.BUY) {
            account.reservedCash += rules.buyReservation(reservePrice * qty);
            dirty(account);
        } else {
            final PositionState position = position(account, symbol);
            position.reservedQty += qty;
            dirty(position);
        }
    }

    @Override
    public void onTrade(long symbol, long price, long qty, long buyUserId, long buyOrderId, long sellUserId,
                        long sellOrderId, Side aggressor, long buyCommission, long sellCommission, long sellTax,
                        long buyLeavesQty, long sellLeavesQty) {
        final long notional = price * qty;
        final AccountState buyer = account(buyUserId);
        setOpenQty(buyer, buyOrderId, buyLeavesQty);
        buyer.cash -= notional + buyCommission;
        final PositionState bought = position(buyer, symbol);
        bought.buy(qty, notional);
        dirty(bought);
        dirty(buyer);
        ledger(buyer, "BUY", -(notional + buyCommission), symbol, buyOrderId);

        final AccountState seller = account(sellUserId);
        setOpenQty(seller, sellOrderId, sellLeavesQty);
        seller.cash += notional - sellCommission - sellTax;
        final PositionState sold = position(seller, symbol);
        sold.sell(qty, notional, sellCommission, sellTax);
        dirty(sold);
        dirty(seller);
        ledger(seller, "SELL", notional - sellCommission - sellTax, symbol, sellOrderId);

        final SymbolState listed = symbol(symbol);
        listed.lastPrice = price;
        dirty(listed);
    }

    @Override
    public void onCanceled(long userId, long orderId, long qty) {
        final AccountState account = account(userId);
        setOpenQty(account, orderId, reservation(account, orderId).openQty - qty);
    }

    @Override
    public void onModified(long userId, long orderId, long price, long qty) {
        final AccountState account = account(userId);
        final Reservation reservation = reservation(account, orderId);
        if (reservation.side == Side.BUY) {
            account.reservedCash += rules.buyReservation(price * qty)
                - rules.buyReservation(reservation.reservePrice * reservation.openQty);
            dirty(account);
        } else {
            final PositionState position = position(account, reservation.symbol);
            position.reservedQty += qty - reservation.openQty;
            dirty(position);
        }
        reservation.reservePrice = price;
        reservation.openQty = qty;
        dirty(reservation);
    }

    @Override
    public void onExpired(long userId, long orderId, long qty) {
        onCanceled(userId, orderId, qty);
    }

    @Override
    public void onSymbolListed(long symbol, String name, long basePrice) {
        final SymbolState listed = new SymbolState(symbol, names.text(symbol), name, basePrice, context.timestampMs);
        symbols.put(symbol, listed);
        dirty(listed);
    }

    @Override
    public void onAccountOpened(long userId, long cash) {
        final AccountState account = new AccountState(userId, 0, cash, 0, cash, context.timestampMs, context.timestampMs);
        accounts.put(userId, account);
        dirty(account);
        ledger(account, "ACCOUNT_OPENED", cash, 0, 0);
    }

    @Override
    public void onSharesGranted(long userId, long symbol, long qty) {
        final AccountState account = account(userId);
        final PositionState position = position(account, symbol);
        final long basePrice = symbol(symbol).basePrice;
        final long value = qty * basePrice;
        position.buy(qty, value);
        dirty(position);
        account.contributed += value;
        dirty(account);
        shareLedger(account, context.eventNo, "SHARE_GRANT", symbol, qty, basePrice);
    }

    @Override
    public void onBasePriceSet(long symbol, long basePrice) {
        final SymbolState listed = symbol(symbol);
        if (listed.basePrice != basePrice) {
            listed.basePrice = basePrice;
            dirty(listed);
        }
    }

    @Override
    public void onHaltChanged(long symbol, boolean halted) {
        final SymbolState listed = symbol(symbol);
        listed.halted = halted;
        dirty(listed);
    }

    @Override
    public void onCashDeposited(long userId, long amount, long cash) {
        final AccountState account = account(userId);
        account.cash = cash;
        account.contributed += amount;
        dirty(account);
        ledger(account, amount >= 0 ? "DEPOSIT" : "WITHDRAWAL", amount, 0, 0);
    }

    @Override
    public void onAccountReset(long userId, long cash) {
        final AccountState account = account(userId);
        closeHeldPositions(account);
        final long change = cash - account.cash;
        account.epoch++;
        account.positions.clear();
        account.reservations.clear();
        account.reservedCash = 0;
        account.cash = cash;
        account.contributed = cash;
        dirty(account);
        ledger(account, "RESET", change, 0, 0);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Writes a POSITION_CLOSED_BY_RESET line for each position of the ending epoch that holds shares,
     * valued as the portfolio valued it (last trade price, else base price). The reset's open orders
     * are cancelled by then, so nothing is reserved. The lines are numbered -1, -2, ... in symbol
     * order: distinct from the reset's own ledger row (numbered 0 or more) and just before it.
     */
    private void closeHeldPositions(AccountState account) {
        final List<PositionState> held = new ArrayList<>();
        for (PositionState position : account.positions.values()) {
            if (position.qty > 0) {
                held.add(position);
            }
        }
        held.sort(Comparator.comparing(position -> names.text(position.symbol)));
        int eventNo = 0;
        for (PositionState position : held) {
            final SymbolState listed = symbol(position.symbol);
            shareLedger(account, --eventNo, "POSITION_CLOSED_BY_RESET", position.symbol, position.qty,
                listed.lastPrice != 0 ? listed.lastPrice : listed.basePrice);
        }
    }

    /** Adds a share ledger row in the account's current epoch, with its cash as the balance. */
    private void shareLedger(AccountState account, int eventNo, String kind, long symbol, long qty, long price) {
        shareLedger.col(account.userId).col(context.timestampMs).col(context.commandSeq).col(eventNo)
            .col(account.epoch).col(kind).col(names.text(symbol)).col(qty).col(price).col(account.cash).endRow();
    }

    /** Sets an order's open quantity, adjusting the account's reserved cash or shares as the engine does. */
    private void setOpenQty(AccountState account, long orderId, long openQty) {
        final Reservation reservation = reservation(account, orderId);
        if (reservation.side == Side.BUY) {
            account.reservedCash += rules.buyReservation(reservation.reservePrice * openQty)
                - rules.buyReservation(reservation.reservePrice * reservation.openQty);
            dirty(account);
        } else {
            final PositionState position = position(account, reservation.symbol);
            position.reservedQty -= reservation.openQty - openQty;
            dirty(position);
        }
        reservation.openQty = openQty;
        dirty(reservation);
        if (openQty == 0) {
            account.reservations.remove(orderId);
        }
    }

    private void ledger(AccountState account, String kind, long amount, long symbol, long orderId) {
        account.updatedMs = context.timestampMs;
        ledger.col(account.userId).col(context.timestampMs).col(context.commandSeq).col(context.eventNo)
            .col(account.epoch).col(kind).col(amount).col(account.cash);
        if (symbol == 0) {
            ledger.nul().nul();
        } else {
            ledger.col(names.text(symbol)).col(orderId);
        }
        ledger.endRow();
    }

    private AccountState account(long userId) {
        final AccountState account = accounts.get(userId);
        if (account == null) {
            throw new IllegalStateException("event for unknown account " + userId + " at journal index " + context.journalIndex);
        }
        return account;
    }

    private SymbolState symbol(long code) {
        final SymbolState symbol = symbols.get(code);
        if (symbol == null) {
            throw new IllegalStateException("event for unlisted symbol " + names.text(code) + " at journal index " + context.journalIndex);
        }
        return symbol;
    }

    private Reservation reservation(AccountState account, long orderId) {
        final Reservation reservation = account.reservations.get(orderId);
        if (reservation == null) {
            throw new IllegalStateException("event for unknown open order " + account.userId + "/" + orderId
                + " at journal index " + context.journalIndex);
        }
        return reservation;
    }

    private PositionState position(AccountState account, long symbol) {
        PositionState position = account.positions.get(symbol);
        if (position == null) {
            position = new PositionState(account.userId, account.epoch, symbol);
            account.positions.put(symbol, position);
        }
        return position;
    }

    private void dirty(AccountState account) {
        account.updatedMs = context.timestampMs;
        if (!account.dirty) {
            account.dirty = true;
            dirtyAccounts.add(account);
        }
    }

    private void dirty(PositionState position) {
        position.updatedMs = context.timestampMs;
        if (!position.dirty) {
            position.dirty = true;
            dirtyPositions.add(position);
        }
    }

    private void dirty(Reservation reservation) {
        if (ownsReservations && !reservation.dirty) {
            reservation.dirty = true;
            dirtyReservations.add(reservation);
        }
    }

    private void dirty(SymbolState symbol) {
        if (!symbol.dirty) {
            symbol.dirty = true;
            dirtySymbols.add(symbol);
        }
    }
}
