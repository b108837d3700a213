package com.motoo.journal.event;

import com.motoo.engine.event.EngineEventListener;
import com.motoo.journal.ExcerptReader;
import com.motoo.journal.JournalQueues;
import com.motoo.journal.codec.EventCodec;
import com.motoo.journal.codec.EventRecordCheck;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * Reads the event journal of an engine. Each excerpt holds the events of one or more commands
 * (one ring batch); for each command comes an {@link EventEnvelopeListener#onEnvelope envelope}
 * with the excerpt's journal index, the command's sequence and timestamp and the number of its
 * events, then one {@link EngineEventListener} callback per event in the order the engine
 * produced them. The commands of one excerpt share its journal index.
 *
 * <p>Typical use by a persister that stores the last applied journal index in the same database
 * transaction as the events:
 * <pre>
 * try (EventJournalReader reader = EventJournalReader.open(journalDir, "persister-orders")) {
 *     if (lastApplied != NO_INDEX) reader.moveAfterIndex(lastApplied);
 *     while (running) {
 *         int n = reader.poll(envelopeListener, eventListener, 10_000);
 *         if (n == 0) idle();   // nothing new yet: back off, then poll again
 *     }
 * }
 * </pre>
 * Safe to run while the engine process is writing, in this or another process: an excerpt is
 * seen whole or not at all. Excerpts are never split across polls, so the index of the last
 * envelope of a poll always marks a complete unit of work: store it after a poll, not from the
 * middle of one.
 *
 * <p>Torn excerpts, the remains of a write that failed (a full disk), are never delivered, not even
 * in part ({@link ExcerptReader}): at the end of the journal the reader waits before one until the
 * engine's next start declares it void and writes its commands' events again, then reads past it.
 *
 * <p>One thread at a time (Chronicle tailers are single-threaded). Polling allocates nothing
 * once its buffer has grown, except the name String of a symbol-listed event.
 */
public final class EventJournalReader implements AutoCloseable {
    /** Sentinel for "no index": nothing read yet. */
    public static final long NO_INDEX = -1;

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExcerptReader excerpts;
    private final EventCodec.Decoder decoder = new EventCodec.Decoder();

    private EventJournalReader(SingleChronicleQueue queue, ExcerptTailer tailer) {
        this.queue = queue;
        this.tailer = tailer;
        this.excerpts = new ExcerptReader(tailer, new EventRecordCheck());
    }

    /**
     * Opens the event journal of the engine journal directory {@code journalDir} (the directory
     * that holds {@code events/}) and positions at its start.
     *
     * @param tailerName names the tailer (Chronicle keeps a named tailer's position in the queue
     *                   directory, so a reader reopened with the same name resumes where it
     *                   stopped unless it moves explicitly); null for an anonymous tailer
     */
    public static EventJournalReader open(Path journalDir, String tailerName) {
        final SingleChronicleQueue queue = JournalQueues.events(journalDir);
        final ExcerptTailer tailer = tailerName == null ? queue.createTailer() : queue.createTailer(tailerName);
        return new EventJournalReader(queue, tailer);
    }

    /**
     * Positions so that the next poll reads the excerpt at {@code index}.
     *
     * @return false if there is no excerpt at that index (the position is then unspecified)
     */
    public boolean moveToIndex(long index) {
        return tailer.moveToIndex(index);
    }

    /**
     * Positions so that the next poll reads the excerpt after {@code index}: how a persister
     * resumes after the last index it applied.
     *
     * @return false if there is no excerpt at {@code index}
     */
    public boolean moveAfterIndex(long index) {
        if (!tailer.moveToIndex(index)) {
            return false;
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            return dc.isPresent();
        }
    }

    /** Positions at the first excerpt. */
    public void toStart() {
        tailer.toStart();
    }

    /**
     * Reads whole excerpts until at least {@code maxEvents} events were delivered or the journal
     * has nothing more; never blocks.
     *
     * @param envelopes told about each excerpt before its events
     * @param events receives the events
     * @param maxEvents soft limit: no new excerpt is started once this many events were delivered
     * @return the number of events delivered (0 when nothing new was there; an excerpt with no
     *         events still produces its envelope)
     * @throws com.motoo.journal.codec.JournalFormatException for an excerpt of an unknown layout,
     *         or a torn one in the middle of the journal
     */
    public int poll(EventEnvelopeListener envelopes, EngineEventListener events, int maxEvents) {
        int delivered = 0;
        while (delivered < maxEvents) {
            if (!excerpts.next()) {
                return delivered;
            }
            final long index = excerpts.index();
            final int length = excerpts.length();
            final DirectBuffer excerpt = excerpts.excerpt();
            for (int offset = 0; offset < length; ) {
                decoder.readHeader(excerpt, offset, length);
                final int count = decoder.count();
                envelopes.onEnvelope(index, decoder.sequence(), decoder.timestamp(), count);
                offset = decoder.decodeEvents(events);
                delivered += count;
            }
        }
        return delivered;
    }

    /**
     * @return the index of the torn excerpt at the end of the journal where the last poll stopped,
     *         {@link ExcerptReader#NO_TORN_TAIL} if none
     */
    public long tornTail() {
        return excerpts.tornTail();
    }

    /** Closes the tailer and the queue. */
    @Override
    public void close() {
        tailer.close();
        queue.close();
    }
}
