package com.motoo.gateway.metrics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Measures how far the slowest persister is behind the engine: the last command sequence and
 * timestamp the gateway has seen released, minus the smallest ones stored in
 * {@code persister_offset}. Polls the database on a schedule (blocking JDBC on the scheduler's
 * thread) and keeps the figures for the {@code /metrics} gauges; -1 until the first reading.
 */
public final class PersisterLagProbe implements AutoCloseable {
    private final DataSource dataSource;
    private final LongSupplier lastSequence;
    private final LongSupplier lastTimestamp;
    private final ScheduledFuture<?> task;
    private volatile long lagCommands = -1;
    private volatile long lagMillis = -1;
    private volatile boolean readModelReachable = true;

    /**
     * @param lastSequence the sequence of the last command whose results were released
     * @param lastTimestamp that command's timestamp (epoch ms)
     * @param periodMillis how often to poll
     */
    public PersisterLagProbe(DataSource dataSource, LongSupplier lastSequence, LongSupplier lastTimestamp,
                             ScheduledExecutorService scheduler, long periodMillis, GatewayMetrics metrics) {
        this.dataSource = dataSource;
        this.lastSequence = lastSequence;
        this.lastTimestamp = lastTimestamp;
        metrics.gauge("motoo_persister_lag_commands", "commands released by the engine and not yet applied by the slowest persister",
            () -> lagCommands);
        metrics.gauge("motoo_persister_lag_millis", "timestamp of the last released command minus the slowest persister's",
            () -> lagMillis);
        this.task = scheduler.scheduleWithFixedDelay(this::poll, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        final long sequence = lastSequence.getAsLong();
        final long timestamp = lastTimestamp.getAsLong();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT min(command_seq), min(ts_ms) FROM persister_offset")) {
            if (r.next() && r.getObject(1) != null) {
                lagCommands = Math.max(0, sequence - r.getLong(1));
                lagMillis = Math.max(0, timestamp - r.getLong(2));
            }
            readModelReachable = true;
        } catch (SQLException e) {
            lagCommands = -1;
            lagMillis = -1;
            readModelReachable = false;
        }
    }

    /** @return whether the read-model database answered the last poll (true before the first) */
    public boolean readModelReachable() {
        return readModelReachable;
    }

    /** @return the last measured lag in commands, -1 when unknown */
    public long lagCommands() {
        return lagCommands;
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
