package com.motoo.gateway.order;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Takes the gateway's order-state snapshots ({@link ClientOrderSnapshots}): when a set time has
 * passed or the client-order journal has grown by a set number of records since the last one
 * (checked by {@link #run} on the snapshot thread's schedule), and at clean shutdown ({@link
 * #snapshotNow}). A snapshot holds each user's monitor only while that user is encoded, so order
 * entry goes on meanwhile. Never throws: a snapshot that fails is logged, and the previous ones stay.
 */
public final class ClientOrderSnapshotter implements Runnable {
    private final OrderEntryService orders;
    private final ClientOrderJournal journal;
    private final ClientOrderSnapshots snapshots;
    private final long intervalNanos;
    private final long records;
    private final Consumer<String> log;
    private long lastNanos = System.nanoTime();
    private long appendedAtLast;

    /**
     * @param intervalMillis take one when this long has passed since the last (0: not by time)
     * @param records take one when the journal has grown by this many records since the last (0: not by size)
     * @param restoredRecords the journal records start-up read after the snapshot it used (all, without
     *        one): they count as grown, so that a restart that read a long tail soon snapshots it
     * @param log where each snapshot written, or failed, is told
     */
    public ClientOrderSnapshotter(OrderEntryService orders, ClientOrderJournal journal, ClientOrderSnapshots snapshots,
                                  long intervalMillis, long records, long restoredRecords, Consumer<String> log) {
        this.orders = orders;
        this.journal = journal;
        this.snapshots = snapshots;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.records = records;
        this.appendedAtLast = -restoredRecords;
        this.log = log;
    }

    /** Takes a snapshot if one is due and the journal has grown since the last. Snapshot thread. */
    @Override
    public synchronized void run() {
        final long grown = journal.appended() - appendedAtLast;
        if (grown > 0 && ((intervalNanos > 0 && System.nanoTime() - lastNanos >= intervalNanos)
            || (records > 0 && grown >= records))) {
            snapshot("scheduled");
        }
    }

    /** Takes a snapshot now: clean shutdown, after the pipeline has drained and order entry has stopped. */
    public void snapshotNow() {
        snapshot("at shutdown");
    }

    /**
     * Synchronized, as {@link #run} is: the stop's {@link #snapshotNow} may come while a scheduled
     * snapshot is still being written (the snapshot thread outlived its stop), and the two must not
     * write at once nor race on when the last snapshot was.
     */
    private synchronized void snapshot(String why) {
        final long appended = journal.appended();
        try {
            final ClientOrderSnapshots.Written written = orders.snapshot(snapshots);
            if (written != null) { // none when no record is whole yet (the first of a new day's file being written): next time
                lastNanos = System.nanoTime();
                appendedAtLast = appended;
                log.accept("client-order snapshot " + why + ": " + written.file().getFileName() + " (journal index "
                    + written.position().index() + ", " + written.users() + " users, " + written.names() + " names, "
                    + written.bytes() + " bytes) in " + TimeUnit.NANOSECONDS.toMillis(written.nanos())
                    + " ms; longest hold of a user's names " + TimeUnit.NANOSECONDS.toMicros(written.longestHoldNanos())
                    + " us");
            }
        } catch (RuntimeException e) {
            log.accept("client-order snapshot " + why + " failed (the previous ones stay): " + e);
        }
    }
}
