package com.motoo.journal;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.OpenFlag;
import net.openhft.posix.PosixAPI;

import java.io.File;
import java.nio.file.Path;

/**
 * Looks after the pages of a journal's memory-mapped file ahead of its writer:
 * <ul>
 *   <li><b>Disk space.</b> The file's blocks for the next {@value #RESERVE_AHEAD} bytes past the
 *       write position are reserved ({@code fallocate}, the file's size unchanged), again whenever
 *       fewer than {@value #RESERVE_MARGIN} remain (an excerpt is at most 64 KB). A write into a
 *       mapped page the file system cannot back faults (SIGBUS), and the JVM reports that fault
 *       late, at a later memory access, so the write that failed would look done and its results
 *       could go out. Reserved pages never fault; a reservation that fails (a disk nearly full) is a
 *       {@link JournalWriteException} while a megabyte of reserved room is still left, before any
 *       write can fail. (The first write into a new day's file precedes its reservation.)</li>
 *   <li><b>Read-ahead.</b> Chronicle reads each new page of the queue file before writing it; on a
 *       sparse file that read fault makes Linux "read ahead" the hole around it, which allocates
 *       and zeroes up to {@code read_ahead_kb} (8 MB on this machine) of page cache inside the
 *       writer's fault: milliseconds at a time, most of the pipeline's latency tail (BENCHMARKS.md,
 *       "Pipeline and journal"). So each mapped chunk gets {@code madvise(MADV_RANDOM)}: no
 *       read-ahead, a new page costs one small fault.</li>
 * </ul>
 * One per appender, on the appender's thread; allocation-free apart from the file opened once per
 * daily file.
 */
public final class WriterPages implements AutoCloseable {
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    static final long RESERVE_AHEAD = 4 << 20;
    static final long RESERVE_MARGIN = 1 << 20;

    private BytesStore<?, ?> advised;
    private File file;
    private int fd = -1;
    private long reservedTo;

    /**
     * After a write: reserves the disk space ahead when it runs short, and advises the chunk the
     * appender now writes into, once per chunk.
     *
     * @throws JournalWriteException when the disk has no room for the space ahead
     */
    public void afterWrite(ExcerptAppender appender) {
        final MappedBytes bytes = (MappedBytes) appender.wire().bytes();
        reserveAhead(bytes.mappedFile().file(), bytes.writePosition());
        final BytesStore<?, ?> store = bytes.bytesStore();
        if (store != advised && store instanceof MappedBytesStore chunk) {
            advised = store;
            PosixAPI.posix().madvise(chunk.addressForRead(chunk.start()), chunk.realCapacity(), MAdviseFlag.MADV_RANDOM);
        }
    }

    private void reserveAhead(File of, long position) {
        if (!of.equals(file)) {
            close();
            fd = PosixAPI.posix().open(of.getPath(), OpenFlag.O_RDWR, 0);
            file = of;
        }
        if (fd < 0 || position + RESERVE_MARGIN <= reservedTo) {
            return; // a file that cannot be opened here is left to Chronicle's own handling
        }
        if (PosixAPI.posix().fallocate(fd, FALLOC_FL_KEEP_SIZE, position, RESERVE_AHEAD) != 0) {
            throw JournalWriteException.mappedWriteFailed(Path.of(of.getParent()), new IllegalStateException(
                "cannot reserve " + RESERVE_AHEAD + " bytes of " + of.getName() + " at " + position + ": "
                    + PosixAPI.posix().lastErrorStr()));
        }
        reservedTo = position + RESERVE_AHEAD;
    }

    /** Closes the file descriptor used for reservations. */
    @Override
    public void close() {
        if (fd >= 0) {
            PosixAPI.posix().close(fd);
            fd = -1;
        }
        file = null;
        reservedTo = 0;
    }
}
