package com.motoo.gateway.http;

import com.motoo.persister.query.RankingEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class RankingsBoardTest {
    private static final List<RankingEntry> PLACES = List.of(
        new RankingEntry(1, 7, "Mina", 12_000_000, 20.0),
        new RankingEntry(2, 3, null, 10_500_000, 5.0),
        new RankingEntry(3, 9, "Joon", 9_000_000, -10.0));

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicLong epochMillis = new AtomicLong(1_700_000_000_000L);
    private final AtomicInteger loads = new AtomicInteger();

    private RankingsBoard board(long refreshMillis) {
        return new RankingsBoard(() -> {
            loads.incrementAndGet();
            return PLACES;
        }, refreshMillis, nanos::get, epochMillis::get);
    }

    @Test
    void shouldServeOneReadingToEveryCallerWithinTheRefreshInterval() throws Exception {
        final RankingsBoard rankings = board(5_000);
        final RankingsBoard.Board first = rankings.board();
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(4_999));
        assertSame(first, rankings.board());
        assertEquals(1, loads.get());

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        epochMillis.set(1_700_000_005_000L);
        final RankingsBoard.Board second = rankings.board();
        assertEquals(2, loads.get());
        assertEquals(1_700_000_000_000L, first.asOfMillis());
        assertEquals(1_700_000_005_000L, second.asOfMillis(), "asOf is the wall clock of the new reading");
    }

    @Test
    void shouldReadOnEveryCallWithoutARefreshInterval() throws Exception {
        final RankingsBoard rankings = board(0);
        rankings.board();
        rankings.board();
        assertEquals(2, loads.get());
    }

    @Test
    void shouldFindEachUsersOwnPlace() throws Exception {
        final RankingsBoard.Board board = board(5_000).board();
        assertEquals(PLACES, board.places());
        assertEquals(3, board.placeOf(9).rank());
        assertEquals(1, board.placeOf(7).rank());
        assertNull(board.placeOf(4), "a user without an account in the read model has no place");
    }

    @Test
    void shouldTryAgainAfterAFailedRead() throws Exception {
        final AtomicInteger calls = new AtomicInteger();
        final RankingsBoard rankings = new RankingsBoard(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new SQLException("database restarting");
            }
            return PLACES;
        }, 5_000, nanos::get, System::currentTimeMillis);
        assertThrows(SQLException.class, rankings::board);
        assertEquals(PLACES, rankings.board().places());
        assertEquals(2, calls.get());
    }

    @Test
    void shouldLetOnlyOneOfManyWaitingCallersRead() throws Exception {
        final int callers = 8;
        final CountDownLatch allAsking = new CountDownLatch(callers);
        final CountDownLatch release = new CountDownLatch(1);
        final RankingsBoard rankings = new RankingsBoard(() -> {
            loads.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new SQLException(e);
            }
            return PLACES;
        }, 5_000, nanos::get, System::currentTimeMillis);
        final ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            final List<Future<RankingsBoard.Board>> boards = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                boards.add(pool.submit(() -> {
                    allAsking.countDown();
                    return rankings.board();
                }));
            }
            assertTrue(allAsking.await(10, TimeUnit.SECONDS));
            Thread.sleep(100); // lets the callers reach the board while the first read is held
            release.countDown();
            final RankingsBoard.Board first = boards.get(0).get(10, TimeUnit.SECONDS);
            for (Future<RankingsBoard.Board> board : boards) {
                assertSame(first, board.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, loads.get());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldServeTheStaleBoardWhileAnotherCallerRefreshesIt() throws Exception {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final RankingsBoard rankings = new RankingsBoard(() -> {
            if (calls.incrementAndGet() == 2) {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
            }
            return PLACES;
        }, 5_000, nanos::get, epochMillis::get);
        final RankingsBoard.Board first = rankings.board();
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(5_000));
        final ExecutorService refresher = Executors.newSingleThreadExecutor();
        try {
            final Future<RankingsBoard.Board> refreshed = refresher.submit(rankings::board);
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            assertSame(first, rankings.board(), "the stale board, at once, while the refresh runs");
            release.countDown();
            assertEquals(PLACES, refreshed.get(10, TimeUnit.SECONDS).places());
            assertEquals(2, calls.get());
        } finally {
            release.countDown();
            refresher.shutdownNow();
            assertTrue(refresher.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
