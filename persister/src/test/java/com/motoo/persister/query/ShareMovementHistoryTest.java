package com.motoo.persister.query;

import com.motoo.engine.rules.MarketRules;
import com.motoo.journal.JournalQueues;
import com.motoo.persister.EngineStateCheck;
import com.motoo.persister.JournalDriver;
import com.motoo.persister.PersisterAgent;
import com.motoo.persister.Persisters;
import com.motoo.persister.ReadModelTables;
import com.motoo.persister.Rows;
import com.motoo.persister.TestDatabase;
import com.motoo.persister.apply.PersisterRole;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Share movements that are not trades in the transaction history: admin grants and the positions a
 * reset removes, through the real engine, journal, persister and PostgreSQL. User 1 is granted
 * Samsung and SK hynix, sells some Samsung, buys and sells all its Kakao back, leaves a Samsung sell
 * order open, resets, and is granted Kakao in its new epoch.
 */
@ExtendWith(TestDatabase.class)
@Timeout(60)
class ShareMovementHistoryTest {
    private static final long T0 = 1_764_000_000_000L;
    /** User 1's cash before the reset: sold 10 Samsung @ 72,000 (+718,452), 3 Kakao @ 51,000 in (-153,022) and out (+152,672). */
    private static final long CASH_BEFORE_RESET = 100_000_000L + 718_452 - 153_022 + 152_672;

    @TempDir
    Path journal;
    private JournalDriver driver;
    private TestDatabase.Schema db;
    private ReadModelQueries queries;

    @BeforeEach
    void open() {
        db = TestDatabase.newSchema();
        queries = new ReadModelQueries(db.dataSource());
        driver = new JournalDriver(journal, T0);
    }

    @AfterEach
    void cleanUp() throws Exception {
        driver.close();
        db.close();
    }

    /** Listing, accounts, user 1's grants and a Samsung sale. */
    private void grantAndTrade() {
        driver.run("LIST,005930,Samsung,70000", "LIST,000660,SK hynix,200000", "LIST,035720,Kakao,50000",
            "ACCOUNT,1,100000000", "ACCOUNT,2,100000000", "GRANT,2,035720,3");
        driver.advance(1_000).run("GRANT,1,005930,100");
        driver.advance(1_000).run("GRANT,1,000660,5");
        driver.advance(1_000).run("PLACE,1,1,005930,SELL,LIMIT,GTC,72000,10", "PLACE,2,1,005930,BUY,LIMIT,GTC,72000,10");
    }

    /** Kakao bought and sold back, a Samsung sell left open, the reset, a grant in the new epoch. */
    private void closeOutAndReset() {
        driver.advance(1_000).run("PLACE,2,2,035720,SELL,LIMIT,GTC,51000,3", "PLACE,1,2,035720,BUY,LIMIT,GTC,51000,3",
            "PLACE,1,3,035720,SELL,LIMIT,GTC,51000,3", "PLACE,2,3,035720,BUY,LIMIT,GTC,51000,3",
            "PLACE,1,4,005930,SELL,LIMIT,GTC,90000,20");
        driver.advance(1_000).run("RESET,1,50000000");
        driver.advance(1_000).run("GRANT,1,035720,7");
    }

    private void applyAll() throws InterruptedException {
        grantAndTrade();
        closeOutAndReset();
        Persisters.catchUp(journal, db.url(), PersisterRole.ALL, "all", 1_000);
    }

    /** @return each entry as kind/symbol/qty/epoch/eventNo, newest first */
    private static List<String> lines(List<HistoryEntry> entries) {
        return entries.stream().map(e -> e.kind() + "/" + e.symbol() + "/" + e.qty() + "/" + e.epoch() + "/" + e.eventNo())
            .toList();
    }

    @Test
    void shouldListGrantsAndTheResetsRemovedPositionsInTheirEpochsNewestFirst() throws Exception {
        applyAll();
        final List<HistoryEntry> history = queries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 50).entries();
        assertEquals(List.of("SHARE_GRANT/035720/7/1/0", "RESET/null/0/1/1",
            "POSITION_CLOSED_BY_RESET/000660/5/0/-1", "POSITION_CLOSED_BY_RESET/005930/90/0/-2",
            "SELL/035720/3/0/1", "BUY/035720/3/0/1", "SELL/005930/10/0/1",
            "SHARE_GRANT/000660/5/0/0", "SHARE_GRANT/005930/100/0/0", "ACCOUNT_OPENED/null/0/0/0"), lines(history),
            "the reset's lines share its command (one cancel, then the reset: event 1) and sort just below it;"
                + " Kakao, sold out, has none");
        final long resetSeq = history.get(1).seq();
        assertEquals(List.of(resetSeq, resetSeq), List.of(history.get(2).seq(), history.get(3).seq()));
        assertEquals(history.get(1).tsMs(), history.get(2).tsMs());

        assertEquals(List.of(50_000L, 0L, 200_000L, 72_000L), history.subList(0, 4).stream().map(HistoryEntry::price).toList(),
            "a grant at the base price then (Kakao's last trade was 51,000); a removed position at its last trade"
                + " price, or its base price if it never traded");
        assertEquals(List.of(50_000_000L, 50_000_000L, CASH_BEFORE_RESET, CASH_BEFORE_RESET, CASH_BEFORE_RESET),
            history.subList(0, 5).stream().map(HistoryEntry::balance).toList(),
            "share movements leave the cash alone: the closed lines show the cash before the reset, the last sale's balance");
        assertEquals(50_000_000L - CASH_BEFORE_RESET, history.get(1).amount());
        assertEquals(List.of(100_000_000L, 100_000_000L), history.subList(7, 9).stream().map(HistoryEntry::balance).toList());
        assertEquals(List.of(70_000L, 200_000L), List.of(history.get(8).price(), history.get(7).price()));
        for (HistoryEntry line : List.of(history.get(0), history.get(2), history.get(3), history.get(7), history.get(8))) {
            assertEquals(0, line.amount(), line.toString());
            assertEquals(0, line.orderId(), line.toString());
            assertEquals(0, line.fee() + line.tax(), line.toString());
        }

        final Portfolio portfolio = queries.portfolio(1).orElseThrow();
        assertEquals(1, portfolio.epoch());
        assertEquals(List.of("035720:7"), portfolio.positions().stream().map(p -> p.symbol() + ":" + p.qty()).toList());
        assertEquals(List.of("SHARE_GRANT/035720/3/0/0"), lines(queries.history(2, HistoryFilter.ALL.symbol("035720")
            .between(T0, T0 + 1), HistoryCursor.FIRST, 10).entries()));
        EngineStateCheck.assertHoldingsExplained(db.dataSource());
    }

    @Test
    void shouldPageThroughTheResetsLinesWithTheirNegativeEventNumbers() throws Exception {
        applyAll();
        final List<String> all = lines(queries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 50).entries());
        for (int limit = 1; limit <= 4; limit++) {
            final List<String> paged = new ArrayList<>();
            HistoryCursor cursor = HistoryCursor.FIRST;
            do {
                final HistoryPage page = queries.history(1, HistoryFilter.ALL, cursor, limit);
                paged.addAll(lines(page.entries()));
                cursor = page.next() == null ? null : HistoryCursor.decode(page.next().encode());
            } while (cursor != null);
            assertEquals(all, paged, "pages of " + limit);
        }
    }

    @Test
    void shouldShowASymbolsShareMovementsWithItsExecutions() throws Exception {
        applyAll();
        assertEquals(List.of("POSITION_CLOSED_BY_RESET/005930/90/0/-2", "SELL/005930/10/0/1", "SHARE_GRANT/005930/100/0/0"),
            lines(queries.history(1, HistoryFilter.ALL.symbol("005930"), HistoryCursor.FIRST, 10).entries()));
        assertEquals(List.of("SHARE_GRANT/035720/7/1/0", "SELL/035720/3/0/1", "BUY/035720/3/0/1"),
            lines(queries.history(1, HistoryFilter.ALL.symbol("035720"), HistoryCursor.FIRST, 10).entries()));
        final HistoryFilter sharesOnly = new HistoryFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, false, false, true);
        assertEquals(List.of("SHARE_GRANT", "POSITION_CLOSED_BY_RESET", "POSITION_CLOSED_BY_RESET", "SHARE_GRANT",
            "SHARE_GRANT"), queries.history(1, sharesOnly, HistoryCursor.FIRST, 10).entries().stream()
            .map(HistoryEntry::kind).toList());
        final HistoryFilter noShares = new HistoryFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, true, true, false);
        assertEquals(List.of("RESET", "SELL", "BUY", "SELL", "ACCOUNT_OPENED"), queries.history(1, noShares,
            HistoryCursor.FIRST, 10).entries().stream().map(HistoryEntry::kind).toList());
    }

    @Test
    void shouldWriteEachLineOnceAcrossRestartsAndAFailedBatch() throws Exception {
        grantAndTrade();
        Persisters.catchUp(journal, db.url(), PersisterRole.ALL, "all", 1_000);
        assertEquals(3, Rows.single(db.dataSource(), "SELECT count(*) FROM share_ledger"), "three grants so far");
        closeOutAndReset();
        Persisters.catchUp(journal, db.url(), PersisterRole.ALL, "all", 1_000);
        Persisters.catchUp(journal, db.url(), PersisterRole.ALL, "all", 1_000);

        try (TestDatabase.Schema once = TestDatabase.newSchema(); TestDatabase.Schema failed = TestDatabase.newSchema()) {
            Persisters.catchUp(journal, once.url(), PersisterRole.ALL, "all", 1);
            assertEquals(6, Rows.single(once.dataSource(), "SELECT count(*) FROM share_ledger"),
                "four grants and the two positions the reset removed");
            assertEquals(ReadModelTables.dump(once.dataSource()), ReadModelTables.dump(db.dataSource()),
                "a persister restarted between the grants and the reset writes what one run writes");

            catchUpThroughAFailedBatch(failed);
            assertEquals(ReadModelTables.dump(once.dataSource()), ReadModelTables.dump(failed.dataSource()),
                "the share lines of a batch that failed are dropped with it and written once when it is applied again");
        }
    }

    /**
     * An upgrade in which a new gateway migrated to V5 (its backfill lists the resets before it) while
     * an accounts persister older than the share ledger still ran: the resets that one applied next
     * left their cash ledger row and the ended epoch's positions, but no lines (user 1's reset here).
     * The new persister writes them when it starts, as V5 writes them (no value per share), next to
     * the lines it writes itself (user 2's later reset); starting again adds nothing.
     */
    @Test
    void shouldWriteTheMissingLinesOfAResetAnOlderPersisterAppliedWhenItStarts() throws Exception {
        applyAll();
        final String lines = "SELECT user_id, ts_ms, seq, event_no, epoch, symbol, qty, balance FROM share_ledger"
            + " WHERE kind = 'POSITION_CLOSED_BY_RESET' AND user_id = %d ORDER BY event_no DESC";
        final List<String> userOnesLines = Rows.of(db.dataSource(), lines.formatted(1));
        assertEquals(2, userOnesLines.size(), userOnesLines.toString());
        execute(db, "DELETE FROM share_ledger WHERE kind = 'POSITION_CLOSED_BY_RESET'");
        driver.advance(1_000).run("RESET,2,50000000");

        Persisters.catchUp(journal, db.url(), PersisterRole.ALL, "all", 1_000);
        assertEquals(userOnesLines, Rows.of(db.dataSource(), lines.formatted(1)), "each line once, in its place");
        assertEquals(List.of("1,0,2", "2,2,2"), Rows.of(db.dataSource(), "SELECT user_id, count(price), count(*)"
            + " FROM share_ledger WHERE kind = 'POSITION_CLOSED_BY_RESET' GROUP BY user_id ORDER BY user_id"),
            "user 1's lines as V5 makes them; user 2's as the persister writes them, valued");
        assertEquals(List.of("POSITION_CLOSED_BY_RESET/000660/5/0/-1", "POSITION_CLOSED_BY_RESET/005930/90/0/-2"),
            lines(queries.history(1, HistoryFilter.ALL, HistoryCursor.FIRST, 50).entries()).subList(2, 4),
            "listed just below the reset, as the persister lists them");

        final Map<String, List<String>> started = ReadModelTables.dump(db.dataSource());
        Persisters.catchUp(journal, db.url(), PersisterRole.ALL, "all", 1_000);
        assertEquals(started, ReadModelTables.dump(db.dataSource()), "a second start writes nothing");
    }

    /**
     * Runs a persister whose first batches fail at their first statement (the cash ledger's COPY),
     * with the batch's share lines still to send, until it has retried at least once; then lets it commit.
     */
    private void catchUpThroughAFailedBatch(TestDatabase.Schema schema) throws Exception {
        execute(schema, "ALTER TABLE cash_ledger ADD CONSTRAINT not_yet CHECK (seq < 0)");
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        final PersisterAgent agent = new PersisterAgent(journal, schema.url(), PersisterRole.ALL, "all", 1_000, 3600,
            MarketRules.krxDefaults(), new PrintStream(log, true, StandardCharsets.UTF_8));
        final Thread thread = new Thread(agent, "test-failing-batch");
        thread.start();
        try (SingleChronicleQueue queue = JournalQueues.events(journal)) {
            while (!log.toString(StandardCharsets.UTF_8).contains("database error, retrying")) {
                assertTrue(thread.isAlive(), log.toString(StandardCharsets.UTF_8));
                Thread.sleep(5);
            }
            assertEquals(0, Rows.single(schema.dataSource(), "SELECT count(*) FROM share_ledger"));
            execute(schema, "ALTER TABLE cash_ledger DROP CONSTRAINT not_yet");
            final long last = queue.lastIndex();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (agent.appliedIndex() != last) {
                assertTrue(thread.isAlive() && System.nanoTime() < deadline, "not applied: " + log.toString(StandardCharsets.UTF_8));
                Thread.sleep(5);
            }
        } finally {
            agent.stop();
            thread.join();
        }
    }

    private static void execute(TestDatabase.Schema schema, String sql) throws Exception {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
