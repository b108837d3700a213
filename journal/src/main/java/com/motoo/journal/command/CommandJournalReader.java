package com.motoo.journal.command;

import com.motoo.engine.command.Command;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.codec.CommandCodec;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Reads the command journal in order: for recovery (replay after a snapshot) and tools. One
 * thread at a time; reading allocates nothing except LIST names.
 */
public final class CommandJournalReader implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private long lastIndex = -1;

    /** Opens the command journal of {@code journalDir} at its start. */
    public CommandJournalReader(Path journalDir) {
        this.queue = JournalQueues.commands(journalDir);
        this.tailer = queue.createTailer();
    }

    /**
     * Positions after the excerpt at {@code index} (where a snapshot's last command was).
     *
     * @return false if there is no such excerpt (the reader then stays at the start)
     */
    public boolean moveAfterIndex(long index) {
        if (!tailer.moveToIndex(index)) {
            tailer.toStart();
            return false;
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            return dc.isPresent();
        }
    }

    /**
     * Reads the next command into {@code into}, sequence and timestamp included.
     *
     * @return false when there is no further complete command
     */
    public boolean next(Command into) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            CommandCodec.decode(dc.wire().bytes(), into);
            lastIndex = dc.index();
            return true;
        }
    }

    /** @return the journal index of the command last returned by {@link #next}, -1 before the first */
    public long lastIndex() {
        return lastIndex;
    }

    /** @return the sequence of the last command in the journal, 0 if it is empty */
    public long lastSequence() {
        try (ExcerptTailer backwards = queue.createTailer()) {
            backwards.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = backwards.readingDocument()) {
                return dc.isPresent() ? CommandCodec.peekSequence(dc.wire().bytes()) : 0;
            }
        }
    }

    /** Closes the tailer and the queue. */
    @Override
    public void close() {
        tailer.close();
        queue.close();
    }
}
