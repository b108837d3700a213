package com.motoo.persister;

import com.motoo.engine.MatchingEngine;
import com.motoo.engine.account.Account;
import com.motoo.engine.book.OrderBook;
import com.motoo.engine.command.Symbol;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compares the read model with the engine's own state: cash, reservations, holdings, open orders. */
public final class EngineStateCheck {
    private EngineStateCheck() {
    }

    /** Asserts accounts and positions (with reserved cash and shares) match the engine. */
    public static void assertAccountsMatch(MatchingEngine engine, DataSource db) throws SQLException {
        final List<String> accounts = new ArrayList<>();
        final List<String> positions = new ArrayList<>();
        for (long userId : engine.userIdsAscending()) {
            final Account account = engine.account(userId);
            accounts.add(userId + "," + account.cash() + "," + account.reservedCash());
            for (OrderBook book : engine.books()) {
                final long qty = account.shares(book.index());
                final long reserved = account.reservedShares(book.index());
                if (qty != 0 || reserved != 0) {
                    positions.add(userId + "," + Symbol.decode(book.symbol()) + "," + qty + "," + reserved);
                }
            }
        }
        Collections.sort(positions);
        assertEquals(accounts, Rows.of(db, "SELECT user_id, cash, reserved_cash FROM accounts ORDER BY user_id"));
        assertEquals(positions, Rows.sorted(db, "SELECT p.user_id, p.symbol, p.qty, p.reserved_qty FROM positions p"
            + " JOIN accounts a ON a.user_id = p.user_id AND a.epoch = p.epoch WHERE p.qty <> 0 OR p.reserved_qty <> 0"));
    }

    /**
     * Asserts that the transaction history explains every share: per user, epoch and symbol, grants
     * plus buys minus sells minus what a reset removed equal the shares held now (in the current
     * epoch) or none (in an ended epoch). Needs both roles' tables.
     */
    public static void assertHoldingsExplained(DataSource db) throws SQLException {
        assertEquals(Rows.sorted(db, "SELECT p.user_id, p.epoch, p.symbol, p.qty FROM positions p JOIN accounts a"
                + " ON a.user_id = p.user_id AND a.epoch = p.epoch WHERE p.qty <> 0"),
            Rows.sorted(db, "SELECT user_id, epoch, symbol, SUM(qty) FROM ("
                + "SELECT user_id, epoch, symbol, CASE kind WHEN 'SHARE_GRANT' THEN qty ELSE -qty END AS qty FROM share_ledger"
                + " UNION ALL SELECT user_id, epoch, symbol, CASE side WHEN 'BUY' THEN qty ELSE -qty END FROM executions) h"
                + " GROUP BY user_id, epoch, symbol HAVING SUM(qty) <> 0"));
    }

    /** Asserts the accounts-only persister's open_reservations are the engine's open orders. */
    public static void assertReservationsMatch(MatchingEngine engine, DataSource db) throws SQLException {
        final List<String> reservations = new ArrayList<>();
        for (long userId : engine.userIdsAscending()) {
            engine.account(userId).openOrders().forEach(order ->
                reservations.add(userId + "," + order.orderId() + "," + order.reservePrice() + "," + order.openQty()));
        }
        Collections.sort(reservations);
        assertEquals(reservations, Rows.sorted(db, "SELECT user_id, order_id, reserve_price, open_qty FROM open_reservations"));
    }

    /** Asserts the open orders in the orders table are the engine's open orders, with price and open qty. */
    public static void assertOpenOrdersMatch(MatchingEngine engine, DataSource db) throws SQLException {
        final List<String> open = new ArrayList<>();
        for (long userId : engine.userIdsAscending()) {
            engine.account(userId).openOrders().forEach(order ->
                open.add(userId + "," + order.orderId() + "," + order.price() + "," + order.openQty()));
        }
        Collections.sort(open);
        assertEquals(open, Rows.sorted(db, "SELECT user_id, order_id, price, open_qty FROM orders"
            + " WHERE status IN ('ACCEPTED', 'PARTIALLY_FILLED')"));
    }
}
