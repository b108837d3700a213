package com.motoo.journal.event;

/**
 * Told, before the events of each excerpt of the event journal, where the excerpt is and which
 * command caused its events. Called on the thread that calls {@link EventJournalReader#poll}.
 */
@FunctionalInterface
public interface EventEnvelopeListener {
    /**
     * @param journalIndex the excerpt's Chronicle index; store it to resume with
     *                     {@link EventJournalReader#moveAfterIndex(long)}
     * @param commandSequence the sequence of the command whose events follow (strictly ascending)
     * @param timestamp that command's epoch-millisecond timestamp
     * @param eventCount how many event callbacks follow (may be 0)
     */
    void onEnvelope(long journalIndex, long commandSequence, long timestamp, int eventCount);
}
