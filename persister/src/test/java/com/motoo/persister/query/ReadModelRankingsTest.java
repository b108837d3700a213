package com.motoo.persister.query;

import com.motoo.persister.JournalDriver;
import com.motoo.persister.Persisters;
import com.motoo.persister.TestDatabase;
import com.motoo.persister.apply.PersisterRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ReadModelQueries#rankings}, by total return on the capital each account was given, in
 * two ways. First on read-model rows written by hand, with every place worked out by hand:
 * Samsung (005930) last traded at 73,000; SK hynix (000660) has not traded, so its base price
 * 200,000 counts.
 * <ul>
 * <li>1 Alice (opted in): contributed 10,000,000 (her opening cash); 9,000,000 cash + 20 × 73,000 =
 * 10,460,000, +4.60%</li>
 * <li>2 Bob (not opted in): contributed 10,000,000; 8,012,345 cash + 15 × 200,000 = 11,012,345, +10.12%
 * (1,012,345 / 10,000,000 = 10.12345%); a closed Samsung position (qty 0) adds nothing</li>
 * <li>3 Carol (opted in): reset once to 10,000,000, her contribution since; 10,460,000 cash and no position in
 * epoch 1 = 10,460,000, +4.60%, exactly Alice's return, so after her (higher user id); her 100 SK hynix of
 * epoch 0 no longer count</li>
 * <li>4 Dave (opted in): contributed 10,000,000; 5,000,000 cash + 10 × 73,000 + 5 × 200,000 = 6,730,000,
 * −32.70%</li>
 * <li>account 5 has no user (no sign-up): not ranked, although its 99,000,000 cash would lead</li>
 * <li>6 Erin: opened with 10,000,000 and granted 5,000,000 cash: contributed 15,000,000; 15,300,000 cash,
 * +2.00% (not +53% on her opening cash)</li>
 * <li>7 Frank: opened with 10,000,000 and granted 100 SK hynix at 200,000: contributed 30,000,000;
 * 10,000,000 cash + 100 × 200,000 = 30,000,000, 0.00% (not +200%)</li>
 * <li>8 Gina: opened with 10,000,000, withdrew 12,000,000 after gains: contributed −2,000,000, so 0.00%
 * with her 500,000 cash; an equal return to Frank's, after him</li>
 * <li>9 Hana: contributed 10,000,000; 10,460,400 cash, +4.604%: shown as +4.60 like Alice and Carol, but
 * a higher return, so ahead of them</li>
 * </ul>
 * Then on the rows the real persister writes for real engine events (see
 * {@link #shouldCountNeitherGrantedCashNorSharesAsReturnAndStartAResetFromItsCash}).
 */
@ExtendWith(TestDatabase.class)
@Timeout(60)
class ReadModelRankingsTest {
    private TestDatabase.Schema db;
    private ReadModelQueries queries;

    @BeforeEach
    void createSchema() {
        db = TestDatabase.newSchema();
        queries = new ReadModelQueries(db.dataSource());
    }

    @AfterEach
    void dropSchema() throws SQLException {
        db.close();
    }

    private void writeRowsByHand() throws SQLException {
        execute("INSERT INTO symbols (symbol, name, base_price, last_price, listed_ms) VALUES"
                + " ('005930', 'Samsung', 70000, 73000, 0), ('000660', 'SK hynix', 200000, NULL, 0)",
            "INSERT INTO users (id, username, password_hash, display_name, rankings_opt_in) VALUES"
                + " (1, 'alice', 'x', 'Alice', true), (2, 'bob', 'x', 'Bob', false),"
                + " (3, 'carol', 'x', 'Carol', true), (4, 'dave', 'x', 'Dave', true), (6, 'erin', 'x', 'Erin', true),"
                + " (7, 'frank', 'x', 'Frank', true), (8, 'gina', 'x', 'Gina', true), (9, 'hana', 'x', 'Hana', true)",
            "INSERT INTO accounts (user_id, epoch, cash, reserved_cash, contributed, opened_ms, updated_ms) VALUES"
                + " (1, 0, 9000000, 0, 10000000, 0, 0), (2, 0, 8012345, 0, 10000000, 0, 0),"
                + " (3, 1, 10460000, 0, 10000000, 0, 0), (4, 0, 5000000, 0, 10000000, 0, 0),"
                + " (5, 0, 99000000, 0, 10000000, 0, 0), (6, 0, 15300000, 0, 15000000, 0, 0),"
                + " (7, 0, 10000000, 0, 30000000, 0, 0), (8, 0, 500000, 0, -2000000, 0, 0),"
                + " (9, 0, 10460400, 0, 10000000, 0, 0), (10, 0, 50000000, 0, 10000000, 0, 0)",
            "INSERT INTO users (id, username, password_hash, display_name, rankings_opt_in, role) VALUES"
                + " (10, 'root', 'x', 'Root', true, 'ADMIN')",
            "INSERT INTO positions (user_id, epoch, symbol, qty, reserved_qty, cost_basis, realized_pnl, updated_ms)"
                + " VALUES (1, 0, '005930', 20, 0, 1400000, 0, 0), (2, 0, '000660', 15, 0, 3000000, 0, 0),"
                + " (2, 0, '005930', 0, 0, 0, 30000, 0), (3, 0, '000660', 100, 0, 20000000, 0, 0),"
                + " (4, 0, '005930', 10, 0, 700000, 0, 0), (4, 0, '000660', 5, 0, 1000000, 0, 0),"
                + " (7, 0, '000660', 100, 0, 20000000, 0, 0)");
    }

    /** User 5 has an account but no user row; user 10, the best return, is an administrator: neither is ranked. */
    @Test
    void shouldRankByReturnOnContributedCapitalNamingOnlyThoseWhoOptedIn() throws Exception {
        writeRowsByHand();
        assertEquals(List.of(new RankingEntry(1, 2, null, 11_012_345, 10.12),
                new RankingEntry(2, 9, "Hana", 10_460_400, 4.6),
                new RankingEntry(3, 1, "Alice", 10_460_000, 4.6),
                new RankingEntry(4, 3, "Carol", 10_460_000, 4.6),
                new RankingEntry(5, 6, "Erin", 15_300_000, 2.0),
                new RankingEntry(6, 7, "Frank", 30_000_000, 0.0),
                new RankingEntry(7, 8, "Gina", 500_000, 0.0),
                new RankingEntry(8, 4, "Dave", 6_730_000, -32.7)),
            queries.rankings());
    }

    @Test
    void shouldValueAtTheNewLastPriceOnceASymbolTrades() throws Exception {
        writeRowsByHand();
        execute("UPDATE symbols SET last_price = 150000 WHERE symbol = '000660'");
        // Bob 8,012,345 + 15 × 150,000 = 10,262,345; Dave 5,000,000 + 730,000 + 750,000 = 6,480,000;
        // Frank 10,000,000 + 100 × 150,000 = 25,000,000 on 30,000,000 contributed, −16.67%
        assertEquals(List.of(new RankingEntry(1, 9, "Hana", 10_460_400, 4.6),
                new RankingEntry(2, 1, "Alice", 10_460_000, 4.6),
                new RankingEntry(3, 3, "Carol", 10_460_000, 4.6),
                new RankingEntry(4, 2, null, 10_262_345, 2.62),
                new RankingEntry(5, 6, "Erin", 15_300_000, 2.0),
                new RankingEntry(6, 8, "Gina", 500_000, 0.0),
                new RankingEntry(7, 7, "Frank", 25_000_000, -16.67),
                new RankingEntry(8, 4, "Dave", 6_480_000, -35.2)),
            queries.rankings());
    }

    /**
     * Alice, Bob and Carol open with 10,000,000 each. Bob is granted 500,000 cash and 1,000 Samsung
     * at its base price 70,000: contributed 80,500,000. He sells 10 to Carol at 77,000: commission
     * floor(770,000 × 0.015%) = 115 each side, tax floor(770,000 × 0.20%) = 1,540. Alice withdraws
     * 4,000,000.
     * <ul>
     * <li>Bob: 10,500,000 + 770,000 − 115 − 1,540 = 11,268,345 cash + 990 × 77,000 = 87,498,345,
     * +8.69% (6,998,345 / 80,500,000): the trade's gain only</li>
     * <li>Alice: 6,000,000 on 6,000,000, 0.00%</li>
     * <li>Carol: 9,229,885 cash + 10 × 77,000 = 9,999,885, −0.00115%: shown as 0.00, ranked after Alice</li>
     * </ul>
     * Then Bob resets to 20,000,000 (his contribution from then on) and is granted 1,000,000: 0.00%,
     * equal to Alice's, after her. Carol is granted 1,000,000 too, applied by a restarted persister
     * that must have loaded her 10,000,000: 10,999,885 on 11,000,000, still just below 0.
     */
    @Test
    void shouldCountNeitherGrantedCashNorSharesAsReturnAndStartAResetFromItsCash(@TempDir Path journal)
        throws Exception {
        execute("INSERT INTO users (id, username, password_hash, display_name, rankings_opt_in) VALUES"
            + " (1, 'alice', 'x', 'Alice', true), (2, 'bob', 'x', 'Bob', true), (3, 'carol', 'x', 'Carol', true)");
        try (JournalDriver driver = new JournalDriver(journal, 1_764_000_000_000L)) {
            driver.run("LIST,005930,Samsung,70000", "ACCOUNT,1,10000000", "ACCOUNT,2,10000000", "ACCOUNT,3,10000000",
                "DEPOSIT,2,500000", "GRANT,2,005930,1000", "PLACE,2,1,005930,SELL,LIMIT,GTC,77000,10",
                "PLACE,3,1,005930,BUY,LIMIT,GTC,77000,10", "DEPOSIT,1,-4000000");
            assertEquals(List.of(new RankingEntry(1, 2, "Bob", 87_498_345, 8.69),
                    new RankingEntry(2, 1, "Alice", 6_000_000, 0.0),
                    new RankingEntry(3, 3, "Carol", 9_999_885, 0.0)),
                rankingsOnceApplied(journal));
            assertEquals(80_500_000, queries.portfolio(2).orElseThrow().contributed());

            driver.run("RESET,2,20000000", "DEPOSIT,2,1000000", "DEPOSIT,3,1000000");
            assertEquals(List.of(new RankingEntry(1, 1, "Alice", 6_000_000, 0.0),
                    new RankingEntry(2, 2, "Bob", 21_000_000, 0.0),
                    new RankingEntry(3, 3, "Carol", 10_999_885, 0.0)),
                rankingsOnceApplied(journal));
            assertEquals(21_000_000, queries.portfolio(2).orElseThrow().contributed());
            assertEquals(11_000_000, queries.portfolio(3).orElseThrow().contributed());
        }
    }

    /** Runs a persister (a new one each time, loading what the last one wrote) over the whole journal. */
    private List<RankingEntry> rankingsOnceApplied(Path journal) throws Exception {
        Persisters.catchUp(journal, db.url(), PersisterRole.ALL, "all", 1_000);
        return queries.rankings();
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
