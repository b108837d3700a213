package com.motoo.journal.command;

import com.motoo.engine.command.Command;
import com.motoo.engine.pipeline.CommandJournal;
import com.motoo.journal.Durability;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.WriterPages;
import com.motoo.journal.codec.CommandCodec;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * The pipeline's stage-1 journal on Chronicle Queue. Commands of a ring batch are encoded
 * ({@link CommandCodec}) into a buffer and written as one excerpt at the end of the batch, or
 * earlier when the buffer holds {@value #MAX_EXCERPT_BYTES} bytes: one excerpt per batch keeps the
 * per-command cost of the queue low. In {@link Durability#SYNC} mode each batch is then flushed to
 * the device ({@code msync}) before its results may be released. The appender is created on the
 * journal thread at its first write; journal thread only after construction. Allocation-free
 * per command except for LIST names.
 */
public final class ChronicleCommandJournal implements CommandJournal, AutoCloseable {
    /** Largest excerpt written: a batch longer than this is split across excerpts. */
    static final int MAX_EXCERPT_BYTES = 64 * 1024;

    private final SingleChronicleQueue queue;
    private final Durability durability;
    private final byte[] pending = new byte[MAX_EXCERPT_BYTES + CommandCodec.MAX_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(pending);
    private final WriterPages pages = new WriterPages();
    private ExcerptAppender appender;
    private int length;
    private long lastWrittenIndex;
    private boolean unsynced;

    /**
     * Opens (creating if needed) the command journal of {@code journalDir}.
     *
     * @param durability how far each batch is made safe before results are released
     */
    public ChronicleCommandJournal(Path journalDir, Durability durability) {
        this.queue = JournalQueues.commands(journalDir);
        this.durability = durability;
        final long lastIndex = queue.lastIndex();
        this.lastWrittenIndex = lastIndex < 0 ? -1 : lastIndex;
    }

    /**
     * Buffers one command for the batch's excerpt.
     *
     * @return the index of the last excerpt written before this command's: recovery that starts
     *         there and skips already applied sequences finds the command (-1: the start)
     */
    @Override
    public long append(Command command) {
        if (length >= MAX_EXCERPT_BYTES) {
            writePending();
        }
        length += CommandCodec.encode(command, buffer, length);
        return lastWrittenIndex;
    }

    @Override
    public void endOfBatch() {
        writePending();
        if (durability == Durability.SYNC && unsynced) {
            appender.sync();
            unsynced = false;
        }
    }

    private void writePending() {
        if (length == 0) {
            return;
        }
        if (appender == null) {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(pending, 0, length);
        }
        pages.afterWrite(appender);
        lastWrittenIndex = appender.lastIndexAppended();
        length = 0;
        unsynced = true;
    }

    /** Closes the appender and the queue (after the pipeline has stopped). */
    @Override
    public void close() {
        if (appender != null) {
            appender.singleThreadedCheckReset();
            appender.close();
        }
        queue.close();
    }
}
