package com.motoo.journal.command;

import com.motoo.engine.command.Command;
import com.motoo.engine.pipeline.JournaledCommands;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.codec.CommandCodec;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;

/**
 * Reads the command journal in order, one command at a time, for recovery (replay after a
 * snapshot) and tools. An excerpt holds the commands of one ring batch; the reader copies it into
 * its own buffer and hands out its commands one by one. One thread at a time; reading allocates
 * nothing once the buffer has grown, except LIST names.
 */
public final class CommandJournalReader implements JournaledCommands, AutoCloseable {
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExpandableArrayBuffer excerpt = new ExpandableArrayBuffer(1 << 16);
    private final CommandCodec.Decoder decoder = new CommandCodec.Decoder();
    private int position;
    private int limit;
    private long excerptIndex = -1;

    /** Opens the command journal of {@code journalDir} at its start. */
    public CommandJournalReader(Path journalDir) {
        this.queue = JournalQueues.commands(journalDir);
        this.tailer = queue.createTailer();
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
     * @throws com.motoo.journal.codec.JournalFormatException for a record of an unknown layout
     */
    @Override
    public boolean next(Command into) {
        if (position >= limit && !readExcerpt()) {
            return false;
        }
        position += decoder.decode(excerpt, position, limit, into);
        return true;
    }

    private boolean readExcerpt() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final int length = (int) bytes.readRemaining();
            excerpt.checkLimit(length);
            bytes.read(excerpt.byteArray(), 0, length);
            position = 0;
            limit = length;
            excerptIndex = dc.index();
            return length > 0;
        }
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
