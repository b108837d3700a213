package com.motoo.gateway.http;

import com.motoo.persister.query.RankingEntry;
import org.agrona.collections.Long2LongHashMap;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The rankings shared by every caller for a while: the whole ranked list is read from the read
 * model at most once per refresh interval, however many users open the rankings page meanwhile,
 * because the query reads every account and held position (tens of milliseconds at 10,000 users)
 * and would otherwise let a few busy clients load the database for everyone. Each user's own place
 * is then found in the list, not by another query. While one caller refreshes a stale board the
 * others get the stale one rather than wait or query too (before the first reading they wait for
 * it). A failed read is not remembered: the next call tries again. Thread-safe; REST worker threads
 * only (a call may block for one read).
 */
final class RankingsBoard {
    /** Where the ranked list comes from (the read model). */
    @FunctionalInterface
    interface Source {
        /** @return every place, best first */
        List<RankingEntry> load() throws SQLException;
    }

    /**
     * One reading of the rankings.
     *
     * @param asOfMillis when it was read, epoch ms
     * @param places every place, best first
     */
    record Board(long asOfMillis, List<RankingEntry> places, Long2LongHashMap indexByUser) {
        /** @return the user's place, or null if the user is not ranked (no account yet, or an administrator) */
        RankingEntry placeOf(long userId) {
            final long index = indexByUser.get(userId);
            return index < 0 ? null : places.get((int) index);
        }
    }

    private record Reading(long readAtNanos, Board board) {
    }

    private final Source source;
    private final long refreshNanos;
    private final LongSupplier nanoClock;
    private final LongSupplier epochClock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Reading current;

    /**
     * @param source the read model's rankings
     * @param refreshMillis how long a reading is served before the next is taken (0: every call reads)
     * @param nanoClock a monotonic clock (tests drive it by hand)
     * @param epochClock the wall clock for {@link Board#asOfMillis()}
     */
    RankingsBoard(Source source, long refreshMillis, LongSupplier nanoClock, LongSupplier epochClock) {
        this.source = source;
        this.refreshNanos = refreshMillis * 1_000_000;
        this.nanoClock = nanoClock;
        this.epochClock = epochClock;
    }

    /** @return the current board, read from the source first if the last reading is too old */
    Board board() throws SQLException {
        final Reading fresh = freshReading();
        if (fresh != null) {
            return fresh.board();
        }
        final Reading stale = current;
        if (stale != null && !refreshing.tryLock()) {
            return stale.board();
        }
        if (stale == null) {
            refreshing.lock();
        }
        try {
            final Reading meanwhile = freshReading();
            if (meanwhile != null) {
                return meanwhile.board();
            }
            final long readAt = nanoClock.getAsLong();
            final Board board = index(epochClock.getAsLong(), source.load());
            current = new Reading(readAt, board);
            return board;
        } finally {
            refreshing.unlock();
        }
    }

    private Reading freshReading() {
        final Reading reading = current;
        return reading != null && nanoClock.getAsLong() - reading.readAtNanos() < refreshNanos ? reading : null;
    }

    private static Board index(long asOfMillis, List<RankingEntry> places) {
        final Long2LongHashMap indexByUser = new Long2LongHashMap(places.size() * 2 + 8, 0.65f, -1);
        for (int i = 0; i < places.size(); i++) {
            indexByUser.put(places.get(i).userId(), i);
        }
        return new Board(asOfMillis, places, indexByUser);
    }
}
