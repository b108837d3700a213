package com.motoo.gateway.order;

import com.motoo.engine.snapshot.SnapshotException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A directory of gateway order-state snapshots ({@link ClientOrderSnapshot}) named
 * {@code client-orders-<journal index, 20 digits>.bin}; the newest {@value #KEEP} are kept. A
 * snapshot is written to a temporary file, forced to the device, renamed into place atomically and
 * the directory forced, so a crash leaves the whole new file or none. Loading takes the newest file
 * whose checksum and version hold and whose journal position the client-order journal still holds,
 * falling back to older ones.
 *
 * <p>Consistency with the journal: {@link #write} reads the journal's last position before it reads
 * any user, and every PLACE binds its name before it is journaled, so every record up to that position
 * is in the snapshot (or was freed since, as its PLACE was rejected or refused). Records after it may be
 * in it too; restoring applies them again, which leaves the same state ({@link ClientOrderRestore}).
 *
 * <p>Thread-safe: writes are serialized (the snapshot thread, and the closing thread at shutdown).
 */
public final class ClientOrderSnapshots {
    /** How many snapshots are kept: a bad newest one has a fallback. */
    static final int KEEP = 2;
    private static final String PREFIX = "client-orders-";
    private static final String SUFFIX = ".bin";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final String REFUSED_SUFFIX = ".refused";

    private final Path dir;

    /** @param dir the directory (created if missing) @throws UncheckedIOException when it cannot be made */
    public ClientOrderSnapshots(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a {@link #write} did.
     *
     * @param file the snapshot file
     * @param position the journal position it reflects
     * @param users how many users it holds
     * @param names how many names (server names, open and closed)
     * @param bytes its size
     * @param nanos how long taking and writing it took
     * @param longestHoldNanos the longest a user's monitor was held at once for it (that user's binds waited at most as long)
     */
    record Written(Path file, JournalPosition position, int users, long names, long bytes, long nanos,
                   long longestHoldNanos) {
    }

    /**
     * Takes a snapshot of every user's names and numbering and writes it; drops the oldest files beyond
     * {@value #KEEP}. Each user's monitor is held only while that user's open names are encoded, not
     * while its closed names are ({@link UserOrderIds#snapshotInto}). Allocates the file buffer (as
     * large as the largest user's state).
     *
     * @param takenMillis the time to record, epoch ms
     * @return what was written, or null when the journal holds no whole record yet (nothing to snapshot)
     * @throws UncheckedIOException when the file cannot be written (the previous snapshots stay)
     */
    synchronized Written write(OrderIdDirectory users, ClientOrderJournal journal, long takenMillis) {
        final long started = System.nanoTime();
        final JournalPosition at = journal.lastPosition();
        if (at == null) {
            return null;
        }
        final Path target = dir.resolve(fileName(at.index()));
        final Path temp = dir.resolve(target.getFileName() + TEMP_SUFFIX);
        final long[] longestHold = {0};
        final ClientOrderSnapshot.Writer writer;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                writer = new ClientOrderSnapshot.Writer(channel, at, takenMillis);
                users.forEach((userId, ids) -> {
                    writer.reserve(ids.snapshotBytesEstimate());
                    longestHold[0] = Math.max(longestHold[0], ids.snapshotInto(writer, userId));
                    writer.drain();
                });
                writer.finish();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dirChannel = FileChannel.open(dir, StandardOpenOption.READ)) {
                dirChannel.force(true);
            }
            prune();
            return new Written(target, at, writer.users(), writer.names(), Files.size(target),
                System.nanoTime() - started, longestHold[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the newest usable snapshot, trying older ones when one is torn, corrupt, of another
     * version, or names a journal position the journal does not hold (the journal was lost, cut short
     * by a machine crash, or replaced): such a file is renamed {@code *.refused}, so that it is never
     * taken for a later journal that reaches its index. Start-up thread.
     *
     * @param refused told about each file that could not be used, and why
     * @return the snapshot, or null when none is usable (restore then reads the whole journal)
     */
    ClientOrderSnapshot.Loaded loadNewest(ClientOrderJournal journal, Consumer<String> refused) {
        final List<Path> files = list();
        for (int i = files.size() - 1; i >= 0; i--) {
            final Path file = files.get(i);
            try {
                final ClientOrderSnapshot.Loaded loaded = ClientOrderSnapshot.decode(mapped(file), file);
                if (journal.holds(loaded.position())) {
                    return loaded;
                }
                refused.accept(file + ": reflects client-order journal index " + loaded.position().index() + " (user "
                    + loaded.position().userId() + ", order " + loaded.position().orderId() + "), which the journal does"
                    + " not hold: it was lost, cut short by a machine crash, or replaced; set aside as "
                    + setAside(file).getFileName());
            } catch (SnapshotException | IOException e) {
                refused.accept(file + ": " + e.getMessage());
            }
        }
        return null;
    }

    /** @return the file mapped read-only (no copy; unmapped when the buffer is collected) */
    private static ByteBuffer mapped(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
    }

    /** @return the snapshot files, oldest first (allocates) */
    List<Path> list() {
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(p -> {
                final String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private Path setAside(Path file) throws IOException {
        final Path aside = file.resolveSibling(file.getFileName() + REFUSED_SUFFIX);
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        return aside;
    }

    /** Drops the oldest snapshots beyond {@value #KEEP}, and temporary files a crash left half-written. */
    private void prune() throws IOException {
        final List<Path> files = list();
        for (int i = 0; i < files.size() - KEEP; i++) {
            Files.deleteIfExists(files.get(i));
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path leftover : (Iterable<Path>) entries.filter(p -> p.getFileName().toString().endsWith(TEMP_SUFFIX))::iterator) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static String fileName(long journalIndex) {
        return PREFIX + String.format("%020d", journalIndex) + SUFFIX;
    }
}
