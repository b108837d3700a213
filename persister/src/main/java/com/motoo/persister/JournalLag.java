package com.motoo.persister;

import com.motoo.journal.event.EventJournalReader;

import java.nio.file.Path;

/**
 * Measures how far a persister is behind the head of the event journal: in events, and in
 * milliseconds between the head command's timestamp and the last applied one. It keeps its own
 * tailer that counts every event of the journal once, as the journal grows, so each measure reads
 * only what was appended since the last one. One thread at a time.
 */
public final class JournalLag implements AutoCloseable {
    private final EventJournalReader head;
    private final EventCounter counter = new EventCounter();

    JournalLag(Path journalDir) {
        this.head = EventJournalReader.open(journalDir, null);
    }

    /**
     * Counts the events appended since the last call and compares the head with what was applied.
     *
     * @param appliedEvents events the persister has applied since the start of the journal
     * @param appliedTimestampMs the last applied command's timestamp
     */
    Lag measure(long appliedEvents, long appliedTimestampMs) {
        long before;
        do {
            before = counter.commands;
            head.poll(counter, counter, 1 << 16);
        } while (counter.commands > before);
        final long events = Math.max(0, counter.events - appliedEvents);
        return new Lag(events, events == 0 ? 0 : Math.max(0, counter.lastTimestampMs - appliedTimestampMs));
    }

    @Override
    public void close() {
        head.close();
    }

    /** How far behind: events, and the head's timestamp minus the last applied one (0 when caught up). */
    public record Lag(long events, long millis) {
    }
}
