package com.motoo.journal.command;

import com.motoo.engine.command.Command;
import com.motoo.engine.pipeline.CommandJournal;
import com.motoo.journal.Durability;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.codec.CommandCodec;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * The pipeline's stage-1 journal on Chronicle Queue: one excerpt per command (see
 * {@link CommandCodec}). In {@link Durability#SYNC} mode each batch is flushed to the device
 * ({@code msync}) before the batch's results may be released. The appender is created on the
 * journal thread at its first append; journal thread only after that. Allocation-free per
 * command except for LIST names.
 */
public final class ChronicleCommandJournal implements CommandJournal, AutoCloseable {
    private final SingleChronicleQueue queue;
    private final Durability durability;
    private ExcerptAppender appender;
    private boolean unsynced;

    /**
     * Opens (creating if needed) the command journal of {@code journalDir}.
     *
     * @param durability how far each batch is made safe before results are released
     */
    public ChronicleCommandJournal(Path journalDir, Durability durability) {
        this.queue = JournalQueues.commands(journalDir);
        this.durability = durability;
    }

    @Override
    public long append(Command command) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument()) {
            CommandCodec.encode(command, dc.wire().bytes());
        }
        unsynced = true;
        return appender.lastIndexAppended();
    }

    @Override
    public void endOfBatch() {
        if (durability == Durability.SYNC && unsynced) {
            appender.sync();
            unsynced = false;
        }
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
