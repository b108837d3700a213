package com.motoo.engine.snapshot;

import com.motoo.engine.MatchingEngine;

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
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A directory of engine snapshots named {@code snapshot-<sequence, 20 digits>.bin}. A snapshot
 * is written to a temporary file, forced to the device, then renamed into place atomically, so
 * a crash leaves either the whole new file or none. Loading takes the newest file whose checksum
 * and version hold and falls back to older ones. Keeps the newest {@code keep} files.
 *
 * <p>Not thread-safe: one writer (the engine thread, or whoever it hands the bytes to).
 */
public final class SnapshotStore {
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".bin";

    private final Path dir;
    private final int keep;

    /**
     * @param dir the directory (created if missing)
     * @param keep how many snapshots to keep, at least 2 so a bad newest one has a fallback
     */
    public SnapshotStore(Path dir, int keep) {
        if (keep < 2) {
            throw new IllegalArgumentException("keep must be at least 2");
        }
        this.dir = dir;
        this.keep = keep;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the directory */
    public Path dir() {
        return dir;
    }

    /**
     * Writes a snapshot made by {@link SnapshotCodec#encode} atomically and drops the oldest
     * files beyond {@code keep}.
     *
     * @return the file written
     */
    public Path write(byte[] snapshot) {
        final SnapshotHeader header = SnapshotCodec.verify(snapshot);
        final Path target = dir.resolve(fileName(header.sequence()));
        final Path temp = dir.resolve(fileName(header.sequence()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                final ByteBuffer buffer = ByteBuffer.wrap(snapshot);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dirChannel = FileChannel.open(dir, StandardOpenOption.READ)) {
                dirChannel.force(true);
            }
            prune();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * Restores the newest valid snapshot into a fresh engine from {@code freshEngine}, trying
     * older files when one is corrupt, truncated or incompatible.
     *
     * @param maxSequence ignore snapshots of a later sequence (Long.MAX_VALUE: no limit)
     * @param freshEngine makes an engine with no state, once per attempt
     * @param onRejected told about each file that could not be used and why
     * @return the engine and what it reflects, or null when no usable snapshot exists
     */
    public Loaded loadNewest(long maxSequence, Supplier<MatchingEngine> freshEngine, Consumer<String> onRejected) {
        final List<Path> files = list();
        for (int i = files.size() - 1; i >= 0; i--) {
            final Path file = files.get(i);
            if (sequenceOf(file) > maxSequence) {
                onRejected.accept(file + ": newer than the event journal (" + maxSequence + "); replaying instead");
                continue;
            }
            try {
                final byte[] bytes = Files.readAllBytes(file);
                final MatchingEngine engine = freshEngine.get();
                final SnapshotHeader header = SnapshotCodec.decodeInto(bytes, engine);
                return new Loaded(engine, header, file);
            } catch (SnapshotException | IOException e) {
                onRejected.accept(file + ": " + e.getMessage());
            }
        }
        return null;
    }

    /** @return the snapshot files, oldest first (allocates) */
    public List<Path> list() {
        try (Stream<Path> entries = Files.list(dir)) {
            final List<Path> files = new ArrayList<>();
            entries.filter(p -> {
                final String name = p.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
            }).sorted().forEach(files::add);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void prune() throws IOException {
        final List<Path> files = list();
        for (int i = 0; i < files.size() - keep; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    private static long sequenceOf(Path file) {
        final String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String fileName(long sequence) {
        return PREFIX + String.format("%020d", sequence) + SUFFIX;
    }

    /**
     * A loaded snapshot.
     *
     * @param engine the restored engine
     * @param header the sequence and journal index it reflects
     * @param file where it came from
     */
    public record Loaded(MatchingEngine engine, SnapshotHeader header, Path file) {
    }
}
