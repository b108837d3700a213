package com.motoo.gateway.order;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What restoring the gateway's order state at start-up read, and how long it took.
 *
 * @param snapshot the snapshot file used, or null when the whole client-order journal was read
 * @param snapshotIndex the client-order journal index the snapshot reflects (-1 without one)
 * @param snapshotNames the names the snapshot held
 * @param snapshotNanos how long choosing, reading and settling the snapshot took
 * @param records how many client-order journal records were read (those after the snapshot's index)
 * @param nanos how long the whole restore took
 */
public record ClientOrderRestoreReport(Path snapshot, long snapshotIndex, long snapshotNames, long snapshotNanos,
                                       long records, long nanos) {
    /** @return one line for the start-up log */
    public String summary() {
        final String read = records + " client-order records read";
        final long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        if (snapshot == null) {
            return read + " (no snapshot: the whole journal) in " + millis + " ms";
        }
        return read + " after snapshot " + snapshot.getFileName() + " (journal index " + snapshotIndex + ", "
            + snapshotNames + " names, loaded in " + TimeUnit.NANOSECONDS.toMillis(snapshotNanos) + " ms) in "
            + millis + " ms";
    }
}
