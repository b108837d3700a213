package com.motoo.persister;

import com.motoo.engine.rules.MarketRules;
import com.motoo.journal.event.EventEnvelopeListener;
import com.motoo.journal.event.EventJournalReader;
import com.motoo.persister.apply.ReadModelApplier;
import com.motoo.persister.apply.PersisterRole;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The duty cycle of one persister: tails the event journal with a named tailer and applies it to
 * PostgreSQL in batches of at most {@code batchEvents} events per transaction, each storing the
 * applied journal index with its rows ({@link ReadModelApplier}). It catches up from the stored
 * index (from the start on a fresh database), then follows the journal live, flushing whenever
 * it has read everything there is.
 *
 * <p>If PostgreSQL fails, it drops its in-memory state, waits (100 ms doubling up to 5 s),
 * reconnects, reloads state and offset and resumes from there. Every report interval it prints
 * its progress and its lag behind the journal head ({@link #lag()}). The engine never waits for it: it
 * only reads the journal. A journal that lacks the stored index (replaced or truncated) stops the
 * agent with an {@link IllegalStateException}, as does one that holds another command there.
 *
 * <p>{@link #run()} runs on one thread; {@link #stop()} and {@link #lag()} may be called from any.
 */
public final class PersisterAgent implements Runnable {
    private static final long FIRST_RETRY_MS = 100;
    private static final long LAST_RETRY_MS = 5_000;
    /** pgjdbc settings unless the URL says otherwise: never wait for ever on a database that went silent. */
    private static final Properties CONNECTION_DEFAULTS = new Properties();

    static {
        CONNECTION_DEFAULTS.setProperty("connectTimeout", "10");
        CONNECTION_DEFAULTS.setProperty("socketTimeout", "300");
        CONNECTION_DEFAULTS.setProperty("tcpKeepAlive", "true");
    }

    private final Path journalDir;
    private final String jdbcUrl;
    private final String tailer;
    private final int batchEvents;
    private final long reportNanos;
    private final PrintStream log;
    private final ReadModelApplier applier;
    private final EventEnvelopeListener envelopes;
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(50),
        TimeUnit.MILLISECONDS.toNanos(2));
    private volatile boolean running = true;
    private volatile JournalLag.Lag lag = new JournalLag.Lag(0, 0);
    private volatile long appliedIndex = -1;
    private volatile long appliedEvents;

    /**
     * @param jdbcUrl the database, with its schema already migrated
     * @param log where progress, lag and database trouble are reported
     */
    public PersisterAgent(Path journalDir, String jdbcUrl, PersisterRole role, String tailer, int batchEvents,
                          int reportSeconds, MarketRules rules, PrintStream log) {
        this.journalDir = journalDir;
        this.jdbcUrl = jdbcUrl;
        this.tailer = tailer;
        this.batchEvents = batchEvents;
        this.reportNanos = TimeUnit.SECONDS.toNanos(reportSeconds);
        this.log = log;
        this.applier = new ReadModelApplier(role, tailer, rules);
        this.envelopes = applier::onEnvelope;
    }

    /** Runs until {@link #stop()}; flushes what it read before returning. */
    @Override
    public void run() {
        long retryMs = FIRST_RETRY_MS;
        try (EventJournalReader reader = EventJournalReader.open(journalDir, tailer);
             JournalLag lagMeter = new JournalLag(journalDir)) {
            while (running) {
                try (Connection connection = DriverManager.getConnection(jdbcUrl, CONNECTION_DEFAULTS)) {
                    position(reader, applier.load(connection), applier.appliedSeq());
                    appliedEvents = applier.appliedEvents();
                    retryMs = FIRST_RETRY_MS;
                    follow(reader, lagMeter, connection);
                } catch (SQLException e) {
                    lag = lagMeter.measure(applier.appliedEvents(), applier.appliedTimestampMs());
                    log.println("persister " + tailer + ": database error, retrying in " + retryMs + " ms (lag "
                        + lag.events() + " events): " + e.getMessage());
                    sleep(retryMs);
                    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
                }
            }
        }
    }

    /** Asks {@link #run()} to flush and return. */
    public void stop() {
        running = false;
    }

    /** @return the lag measured last (every report interval, and at every database error) */
    public JournalLag.Lag lag() {
        return lag;
    }

    /** @return the journal index of the last committed excerpt, -1 if none */
    public long appliedIndex() {
        return appliedIndex;
    }

    /** @return events committed by this tailer so far, over all runs */
    public long appliedEvents() {
        return appliedEvents;
    }

    /**
     * Positions the reader after the applied excerpt, checking that the journal holds the applied
     * command there: a replaced or different journal must not be applied on top of this database.
     */
    private void position(EventJournalReader reader, long index, long sequence) {
        if (index == EventJournalReader.NO_INDEX) {
            reader.toStart();
        } else {
            final EventCounter applied = new EventCounter();
            applied.watchedIndex = index;
            final boolean present = reader.moveToIndex(index);
            if (present) {
                reader.poll(applied, applied, 1);
            }
            if (!present || applied.watchedSequence != sequence || !reader.moveAfterIndex(index)) {
                throw new IllegalStateException("the event journal in " + journalDir + " does not hold command "
                    + sequence + " at journal index " + index + ", where tailer " + tailer
                    + " stopped applying: is it another engine's journal?");
            }
        }
        appliedIndex = index;
    }

    private void follow(EventJournalReader reader, JournalLag lagMeter, Connection connection) throws SQLException {
        long nextReport = System.nanoTime() + reportNanos;
        long eventsAtReport = applier.appliedEvents();
        while (running) {
            final int room = Math.max(1, batchEvents - applier.pendingEvents());
            final int read = reader.poll(envelopes, applier, room);
            if (applier.pendingEvents() >= batchEvents || (read == 0 && applier.pendingCommands() > 0)) {
                flush(connection);
            }
            idle.idle(read);
            final long now = System.nanoTime();
            if (now - nextReport >= 0) {
                lag = lagMeter.measure(applier.appliedEvents(), applier.appliedTimestampMs());
                final long events = applier.appliedEvents();
                log.printf("persister %s: applied index %d, %d events (%.0f/s), lag %d events / %d ms%n", tailer,
                    applier.appliedIndex(), events, (events - eventsAtReport) * 1e9 / (reportNanos + now - nextReport),
                    lag.events(), lag.millis());
                eventsAtReport = events;
                nextReport = now + reportNanos;
            }
        }
        flush(connection);
    }

    private void flush(Connection connection) throws SQLException {
        applier.flush(connection);
        appliedEvents = applier.appliedEvents();
        appliedIndex = applier.appliedIndex();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
