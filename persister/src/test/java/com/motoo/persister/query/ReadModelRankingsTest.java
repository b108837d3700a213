package com.motoo.persister.query;

import com.motoo.persister.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ReadModelQueries#rankings} on read-model rows written by hand, with every place worked
 * out by hand: Samsung (005930) last traded at 73,000; SK hynix (000660) has not traded, so its
 * base price 200,000 counts. Starting cash 10,000,000.
 * <ul>
 * <li>1 Alice (opted in): 9,000,000 cash + 20 × 73,000 = 10,460,000, +4.60%</li>
 * <li>2 Bob (not opted in): 8,012,345 cash + 15 × 200,000 = 11,012,345, +10.12% (1,012,345 / 10,000,000
 * = 10.12345%); a closed Samsung position (qty 0) adds nothing</li>
 * <li>3 Carol (opted in): reset once; 10,460,000 cash and no position in epoch 1 = 10,460,000, +4.60%,
 * tied with Alice; her 100 SK hynix of epoch 0 no longer count</li>
 * <li>4 Dave (opted in): 5,000,000 cash + 10 × 73,000 + 5 × 200,000 = 6,730,000, −32.70%</li>
 * <li>account 5 has no user (no sign-up): not ranked, although its 99,000,000 cash would lead</li>
 * </ul>
 */
@ExtendWith(TestDatabase.class)
@Timeout(60)
class ReadModelRankingsTest {
    private static final long STARTING_CASH = 10_000_000;

    private TestDatabase.Schema db;
    private ReadModelQueries queries;

    @BeforeEach
    void writeReadModel() throws SQLException {
        db = TestDatabase.newSchema();
        queries = new ReadModelQueries(db.dataSource());
        execute("INSERT INTO symbols (symbol, name, base_price, last_price, listed_ms) VALUES"
                + " ('005930', 'Samsung', 70000, 73000, 0), ('000660', 'SK hynix', 200000, NULL, 0)",
            "INSERT INTO users (id, username, password_hash, display_name, rankings_opt_in) VALUES"
                + " (1, 'alice', 'x', 'Alice', true), (2, 'bob', 'x', 'Bob', false),"
                + " (3, 'carol', 'x', 'Carol', true), (4, 'dave', 'x', 'Dave', true)",
            "INSERT INTO accounts (user_id, epoch, cash, reserved_cash, opened_ms, updated_ms) VALUES"
                + " (1, 0, 9000000, 0, 0, 0), (2, 0, 8012345, 0, 0, 0), (3, 1, 10460000, 0, 0, 0),"
                + " (4, 0, 5000000, 0, 0, 0), (5, 0, 99000000, 0, 0, 0)",
            "INSERT INTO positions (user_id, epoch, symbol, qty, reserved_qty, cost_basis, realized_pnl, updated_ms)"
                + " VALUES (1, 0, '005930', 20, 0, 1400000, 0, 0), (2, 0, '000660', 15, 0, 3000000, 0, 0),"
                + " (2, 0, '005930', 0, 0, 0, 30000, 0), (3, 0, '000660', 100, 0, 20000000, 0, 0),"
                + " (4, 0, '005930', 10, 0, 700000, 0, 0), (4, 0, '000660', 5, 0, 1000000, 0, 0)");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        db.close();
    }

    @Test
    void shouldRankByEquityNamingOnlyThoseWhoOptedIn() throws Exception {
        assertEquals(List.of(new RankingEntry(1, 2, null, 11_012_345, 10.12),
                new RankingEntry(2, 1, "Alice", 10_460_000, 4.6),
                new RankingEntry(3, 3, "Carol", 10_460_000, 4.6),
                new RankingEntry(4, 4, "Dave", 6_730_000, -32.7)),
            queries.rankings(STARTING_CASH));
    }

    @Test
    void shouldValueAtTheNewLastPriceOnceASymbolTrades() throws Exception {
        execute("UPDATE symbols SET last_price = 150000 WHERE symbol = '000660'");
        // Bob 8,012,345 + 15 × 150,000 = 10,262,345; Dave 5,000,000 + 730,000 + 750,000 = 6,480,000
        assertEquals(List.of(new RankingEntry(1, 1, "Alice", 10_460_000, 4.6),
                new RankingEntry(2, 3, "Carol", 10_460_000, 4.6),
                new RankingEntry(3, 2, null, 10_262_345, 2.62),
                new RankingEntry(4, 4, "Dave", 6_480_000, -35.2)),
            queries.rankings(STARTING_CASH));
    }

    @Test
    void shouldReportNoReturnWithoutStartingCash() throws Exception {
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), queries.rankings(0).stream().map(RankingEntry::totalReturn).toList());
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
