package com.motoo.engine.pipeline;

import com.motoo.engine.snapshot.SnapshotStore;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes snapshots the engine thread has encoded, on a thread of its own ("motoo-snapshot"), so
 * the engine stalls only for encoding, not for the file write and {@code fsync}. Snapshots are
 * written in the order they were handed over. {@link #write} on the engine thread;
 * {@link #close()} after the last write, which waits for the writes still pending.
 */
final class SnapshotWriter {
    private final SnapshotStore store;
    private final Consumer<String> log;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        final Thread t = new Thread(runnable, "motoo-snapshot");
        t.setDaemon(true);
        return t;
    });

    SnapshotWriter(SnapshotStore store, Consumer<String> log) {
        this.store = store;
        this.log = log;
    }

    /** Queues an encoded snapshot for writing. */
    void write(byte[] snapshot, long sequence, long encodeNanos) {
        thread.execute(() -> {
            final long started = System.nanoTime();
            try {
                store.write(snapshot);
                log.accept("snapshot at sequence " + sequence + " written (encode " + encodeNanos / 1_000_000
                    + " ms on the engine thread, write " + (System.nanoTime() - started) / 1_000_000 + " ms)");
            } catch (RuntimeException e) {
                log.accept("snapshot at sequence " + sequence + " failed (the journal still has everything): " + e);
            }
        });
    }

    /** Waits (up to 60 s) for pending writes, then stops the thread. */
    void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
                log.accept("snapshot writes still pending after 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
