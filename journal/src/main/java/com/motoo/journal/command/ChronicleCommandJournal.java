package com.motoo.journal.command;

import com.motoo.engine.command.Command;
import com.motoo.engine.pipeline.CommandJournal;
import com.motoo.journal.Durability;
import com.motoo.journal.ExcerptWriter;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.TornTail;
import com.motoo.journal.codec.CommandCodec;
import com.motoo.journal.codec.CommandRecordCheck;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * The pipeline's stage-1 journal on Chronicle Queue. Commands of a ring batch are encoded
 * ({@link CommandCodec}) into a buffer and written as one excerpt at the end of the batch, or
 * earlier when the buffer holds {@value #MAX_EXCERPT_BYTES} bytes: one excerpt per batch keeps the
 * per-command cost of the queue low. In {@link Durability#SYNC} mode each batch is then flushed to
 * the device ({@code msync}) before its results may be released. Opening declares torn excerpts
 * at the end of the journal void ({@link TornTail}). The appender is created on the journal thread
 * at its first write; journal thread only after construction. Allocation-free per command except
 * for LIST names.
 */
public final class ChronicleCommandJournal implements CommandJournal, AutoCloseable {
    /** Largest excerpt written: a batch longer than this is split across excerpts. */
    static final int MAX_EXCERPT_BYTES = 64 * 1024;

    private final SingleChronicleQueue queue;
    private final Durability durability;
    private final byte[] pending = new byte[MAX_EXCERPT_BYTES + CommandCodec.MAX_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(pending);
    private final ExcerptWriter writer;
    private final long tornTail;
    private int length;
    private long lastWrittenIndex;
    private boolean unsynced;

    /**
     * Opens (creating if needed) the command journal of {@code journalDir} and declares torn
     * excerpts at its end void: their commands were never acknowledged, nor applied.
     *
     * @param durability how far each batch is made safe before results are released
     * @throws com.motoo.journal.codec.JournalFormatException when the end of the journal is
     *         unreadable; the queue is closed again
     */
    public ChronicleCommandJournal(Path journalDir, Durability durability) {
        this.queue = JournalQueues.commands(journalDir);
        this.durability = durability;
        this.writer = new ExcerptWriter(queue);
        try {
            this.tornTail = TornTail.voidAtEnd(queue, new CommandRecordCheck());
        } catch (RuntimeException unreadable) {
            queue.close();
            throw unreadable;
        }
        final long lastIndex = queue.lastIndex();
        this.lastWrittenIndex = lastIndex < 0 ? -1 : lastIndex;
    }

    /** @return the index of the first torn excerpt the journal ended in when opened, {@link TornTail#NONE} if none */
    public long tornTail() {
        return tornTail;
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
            writer.sync();
            unsynced = false;
        }
    }

    private void writePending() {
        if (length == 0) {
            return;
        }
        lastWrittenIndex = writer.append(pending, length);
        length = 0;
        unsynced = true;
    }

    /** Closes the appender and the queue (after the pipeline has stopped). */
    @Override
    public void close() {
        writer.close();
        queue.close();
    }
}
