package com.motoo.journal.command;

import com.motoo.engine.command.Command;
import com.motoo.engine.pipeline.JournaledCommands;
import com.motoo.journal.ExcerptReader;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.codec.CommandCodec;
import com.motoo.journal.codec.CommandRecordCheck;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.nio.file.Path;

/**
 * Reads the command journal in order, one command at a time, for recovery (replay after a
 * snapshot) and tools. An excerpt holds the commands of one ring batch; the reader copies it into
 * its own buffer and hands out its commands one by one. Torn excerpts, the remains of a write that
 * failed, are skipped as {@link ExcerptReader} describes: their commands were never acknowledged.
 * One thread at a time; reading allocates nothing once the buffer has grown, except LIST names.
 */
public final class CommandJournalReader implements JournaledCommands, AutoCloseable {
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExcerptReader excerpts;
    private final CommandCodec.Decoder decoder = new CommandCodec.Decoder();
    private int position;
    private int limit;
    private long excerptIndex = -1;

    /** Opens the command journal of {@code journalDir} at its start. */
    public CommandJournalReader(Path journalDir) {
        this.queue = JournalQueues.commands(journalDir);
        this.tailer = queue.createTailer();
        this.excerpts = new ExcerptReader(tailer, new CommandRecordCheck());
    }

    /**
     * Positions at the excerpt at {@code index}, or at the start when there is none (the caller
     * skips commands it has already applied by their sequence).
     *
     * @return whether the excerpt exists
     */
    public boolean moveToIndex(long index) {
        position = 0;
        limit = 0;
        if (index >= 0 && tailer.moveToIndex(index)) {
            return true;
        }
        tailer.toStart();
        return false;
    }

    /**
     * Reads the next command into {@code into}, sequence and timestamp included.
     *
     * @return false when there is no further complete command
     * @throws com.motoo.journal.codec.JournalFormatException for a record of an unknown layout, or
     *         a torn one in the middle of the journal
     */
    @Override
    public boolean next(Command into) {
        if (position >= limit && !readExcerpt()) {
            return false;
        }
        position += decoder.decode(excerpts.excerpt(), position, limit, into);
        return true;
    }

    private boolean readExcerpt() {
        if (!excerpts.next()) {
            return false;
        }
        position = 0;
        limit = excerpts.length();
        excerptIndex = excerpts.index();
        return true;
    }

    /**
     * @return the index of the torn excerpt at the end of the journal where the last {@link #next}
     *         stopped, {@link ExcerptReader#NO_TORN_TAIL} if none
     */
    public long tornTail() {
        return excerpts.tornTail();
    }

    /** @return the journal index of the excerpt holding the command last returned by {@link #next}, -1 before the first */
    @Override
    public long lastIndex() {
        return excerptIndex;
    }

    /** Closes the tailer and the queue. */
    @Override
    public void close() {
        tailer.close();
        queue.close();
    }
}
