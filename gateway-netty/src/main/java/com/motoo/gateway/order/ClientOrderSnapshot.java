package com.motoo.gateway.order;

import com.motoo.engine.snapshot.SnapshotException;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongLongConsumer;
import org.agrona.collections.Object2LongHashMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.zip.CRC32C;

/**
 * The gateway's order-state snapshot file, layout version {@link #VERSION}: every user's client
 * order ids and numbering ({@link UserOrderIds}) as they stood at a client-order journal position.
 * Big-endian, documented in journal/FORMAT.md ("Gateway order-state snapshot"):
 * <pre>
 * magic "MOTOOCOS" (8) | version int | journalIndex, recordUserId, recordOrderId long | takenMillis long
 * per user: tag byte 1 | userId, lastOrderId long
 *   | serverNamed words int, longs (BitSet words: bit n set = order n is named auto-n)
 *   | open names int, each: orderId long, length short, ASCII bytes
 *   | closed names int, each: fingerprint long, orderId long
 * tag byte 0 | users int | CRC32C of everything before it, as a long
 * </pre>
 * Writing streams user by user ({@link Writer}); reading checks the checksum over the whole file
 * first, then decodes with bulk primitive reads.
 */
final class ClientOrderSnapshot {
    /** Layout version; readers refuse other versions. */
    static final int VERSION = 1;
    private static final long MAGIC = 0x4D4F544F4F434F53L;
    private static final int HEADER = Long.BYTES + Integer.BYTES + 4 * Long.BYTES;
    private static final int TRAILER = 1 + Integer.BYTES + Long.BYTES;
    private static final byte USER = 1;
    private static final byte END = 0;
    private static final float OPEN_LOAD_FACTOR = 0.65f;
    private static final int INITIAL_BUFFER = 1 << 16;
    /** Room for a client order id (at most 48 ASCII characters, PROTOCOL.md); a longer name grows it. */
    private static final int OPEN_NAME_BUFFER = 64;
    /** A user's fixed bytes: tag, user id, last order id, bitset word count, open and closed name counts. */
    static final int USER_BYTES = 1 + 2 * Long.BYTES + 3 * Integer.BYTES;
    /** At most what an open name takes: order id, length, and up to 48 ASCII characters. */
    static final int OPEN_NAME_BYTES = Long.BYTES + Short.BYTES + 48;
    /** What a closed name takes: fingerprint and order id. */
    static final int CLOSED_NAME_BYTES = 2 * Long.BYTES;

    private ClientOrderSnapshot() {
    }

    /**
     * Where {@link UserOrderIds#snapshotInto} hands one user's state: first what it hands over under
     * the user's monitor, then the closed orders' names, frozen, outside it.
     */
    interface UserSink {
        /** The user's numbering, server-named orders and open orders' names. Under the user's monitor. */
        void user(long userId, long lastOrderId, BitSet serverNamed, Object2LongHashMap<String> openNames);

        /**
         * The same user's closed orders' names, outside the monitor, as they stood when the open ones were handed over.
         *
         * @param count how many {@code frozen} passes
         */
        void closedNames(int count, ClosedNames.Frozen frozen);
    }

    /**
     * A snapshot file being written: the header at construction, then one user at a time, each
     * encoded into a buffer ({@link UserOrderIds#snapshotInto}) and written out after it
     * ({@link #drain}). One thread; the buffer grows to the largest user's size.
     */
    static final class Writer implements UserSink {
        private final FileChannel channel;
        private final CRC32C crc = new CRC32C();
        private final LongLongConsumer closedName = this::closedName;
        private ByteBuffer buffer = ByteBuffer.allocate(INITIAL_BUFFER);
        private int users;
        private long names;

        /** Writes the header. @param at the journal position the snapshot reflects */
        Writer(FileChannel channel, JournalPosition at, long takenMillis) {
            this.channel = channel;
            buffer.putLong(MAGIC).putInt(VERSION).putLong(at.index()).putLong(at.userId()).putLong(at.orderId())
                .putLong(takenMillis);
            drain();
        }

        @Override
        public void user(long userId, long lastOrderId, BitSet serverNamed, Object2LongHashMap<String> openNames) {
            final long[] words = serverNamed.toLongArray();
            ensure(1 + 2 * Long.BYTES + 2 * Integer.BYTES + words.length * Long.BYTES);
            buffer.put(USER).putLong(userId).putLong(lastOrderId).putInt(words.length);
            buffer.asLongBuffer().put(words);
            buffer.position(buffer.position() + words.length * Long.BYTES);
            buffer.putInt(openNames.size());
            openNames.forEachLong(this::openName);
            users++;
            names += serverNamed.cardinality() + openNames.size();
        }

        @Override
        public void closedNames(int count, ClosedNames.Frozen frozen) {
            ensure(Integer.BYTES + count * CLOSED_NAME_BYTES);
            buffer.putInt(count);
            frozen.forEach(closedName);
            names += count;
        }

        private void closedName(long fingerprint, long orderId) {
            buffer.putLong(fingerprint).putLong(orderId);
        }

        private void openName(String name, long orderId) {
            ensure(Long.BYTES + Short.BYTES + name.length());
            buffer.putLong(orderId).putShort((short) name.length());
            for (int i = 0; i < name.length(); i++) {
                buffer.put((byte) name.charAt(i));
            }
        }

        /** Writes out what the buffer holds (outside any monitor). @throws UncheckedIOException when the file cannot take it */
        void drain() {
            buffer.flip();
            crc.update(buffer.duplicate());
            writeOut();
        }

        /** Writes the end tag, the user count and the checksum. @throws UncheckedIOException as {@link #drain} */
        void finish() {
            ensure(TRAILER);
            buffer.put(END).putInt(users);
            drain();
            buffer.putLong(crc.getValue()).flip();
            writeOut();
        }

        private void writeOut() {
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buffer.clear();
        }

        /** @return the users written so far */
        int users() {
            return users;
        }

        /** @return the names written so far (server names, open and closed) */
        long names() {
            return names;
        }

        /** Makes room for {@code bytes} more before a user's monitor is taken ({@link UserOrderIds#snapshotBytesEstimate}). */
        void reserve(int bytes) {
            ensure(bytes);
        }

        private void ensure(int more) {
            if (buffer.remaining() < more) {
                final ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }
    }

    /**
     * A snapshot read back.
     *
     * @param position the client-order journal position it reflects
     * @param takenMillis when it was taken, epoch ms
     * @param users every user's state, by user id
     * @param names how many names it holds
     * @param file where it came from
     */
    record Loaded(JournalPosition position, long takenMillis, Long2ObjectHashMap<UserOrderIds> users, long names,
                  Path file) {
    }

    /**
     * Decodes a whole snapshot file. Start-up thread; allocates the users' tables (sized up front, so
     * that none grows) and a string per open name.
     *
     * @throws SnapshotException when it is truncated, fails its checksum, is of another version or does not decode
     */
    static Loaded decode(ByteBuffer in, Path file) {
        if (in.remaining() < HEADER + TRAILER) {
            throw new SnapshotException("truncated: " + in.remaining() + " bytes");
        }
        final CRC32C crc = new CRC32C();
        crc.update(in.duplicate().limit(in.limit() - Long.BYTES));
        if (crc.getValue() != in.getLong(in.limit() - Long.BYTES)) {
            throw new SnapshotException("checksum mismatch (torn or corrupt)");
        }
        if (in.getLong() != MAGIC) {
            throw new SnapshotException("not a client-order snapshot");
        }
        final int version = in.getInt();
        if (version != VERSION) {
            throw new SnapshotException("layout version " + version + ", expected " + VERSION);
        }
        final JournalPosition position = new JournalPosition(in.getLong(), in.getLong(), in.getLong());
        final long takenMillis = in.getLong();
        final Long2ObjectHashMap<UserOrderIds> users = new Long2ObjectHashMap<>();
        long names = 0;
        try {
            byte tag;
            while ((tag = in.get()) == USER) {
                final long userId = in.getLong();
                final long lastOrderId = in.getLong();
                final long[] words = new long[count(in, Long.BYTES)];
                in.asLongBuffer().get(words);
                in.position(in.position() + words.length * Long.BYTES);
                final BitSet serverNamed = BitSet.valueOf(words);
                final Object2LongHashMap<String> openNames = openNames(in);
                final Long2LongHashMap closedNames = closedNames(in);
                users.put(userId, new UserOrderIds(lastOrderId, serverNamed, openNames, closedNames));
                names += serverNamed.cardinality() + openNames.size() + closedNames.size();
            }
            if (tag != END || in.getInt() != users.size() || in.remaining() != Long.BYTES) {
                throw new SnapshotException("does not decode (tag " + tag + " at byte " + (in.position() - 1) + ")");
            }
        } catch (RuntimeException e) {
            if (e instanceof SnapshotException) {
                throw e;
            }
            throw new SnapshotException("does not decode: " + e);
        }
        return new Loaded(position, takenMillis, users, names, file);
    }

    private static Object2LongHashMap<String> openNames(ByteBuffer in) {
        final int count = count(in, Long.BYTES + Short.BYTES);
        final Object2LongHashMap<String> names = new Object2LongHashMap<>(
            Math.max(8, (int) (count / OPEN_LOAD_FACTOR) + 1), OPEN_LOAD_FACTOR, 0);
        byte[] ascii = new byte[count == 0 ? 0 : OPEN_NAME_BUFFER];
        for (int i = 0; i < count; i++) {
            final long orderId = in.getLong();
            final int length = in.getShort();
            if (length > ascii.length) {
                ascii = new byte[length];
            }
            in.get(ascii, 0, length);
            names.put(new String(ascii, 0, length, StandardCharsets.US_ASCII), orderId);
        }
        return names;
    }

    private static Long2LongHashMap closedNames(ByteBuffer in) {
        final int count = count(in, 2 * Long.BYTES);
        final Long2LongHashMap names = UserOrderIds.closedNamesFor(count);
        for (int i = 0; i < count; i++) {
            names.put(in.getLong(), in.getLong());
        }
        return names;
    }

    /** @return a count read from the file, checked against the bytes left @throws SnapshotException when they cannot hold it */
    private static int count(ByteBuffer in, int bytesEach) {
        final int count = in.getInt();
        if (count < 0 || (long) count * bytesEach > in.remaining()) {
            throw new SnapshotException("a count of " + count + " at byte " + (in.position() - Integer.BYTES)
                + " overruns the file");
        }
        return count;
    }
}
