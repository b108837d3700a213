package com.motoo.journal;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.PosixAPI;

/**
 * Keeps large page faults of a journal's memory-mapped file off the writer's path, measured in
 * BENCHMARKS.md ("Pipeline and journal"). Chronicle reads each new page of the queue file before
 * writing it; on a sparse file that read fault makes Linux "read ahead" the hole around it, which
 * allocates and zeroes up to {@code read_ahead_kb} (8 MB on this machine) of page cache inside the
 * writer's fault: milliseconds at a time, most of the pipeline's latency tail. So each mapped
 * chunk of the file gets {@code madvise(MADV_RANDOM)}: no read-ahead, a new page costs one small
 * fault. One per appender, on the appender's thread; allocation-free once a chunk is advised.
 */
public final class WriterPages {
    private BytesStore<?, ?> advised;

    /** After a write: advises the chunk the appender now writes into, once per chunk. */
    public void afterWrite(ExcerptAppender appender) {
        final BytesStore<?, ?> store = appender.wire().bytes().bytesStore();
        if (store == advised || !(store instanceof MappedBytesStore chunk)) {
            return;
        }
        advised = store;
        PosixAPI.posix().madvise(chunk.addressForRead(chunk.start()), chunk.realCapacity(), MAdviseFlag.MADV_RANDOM);
    }
}
