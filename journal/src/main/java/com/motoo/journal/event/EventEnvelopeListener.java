package com.motoo.journal.event;

/**
 * Told, before the events of each command in the event journal, which excerpt holds them and
 * which command caused them. Called on the thread that calls {@link EventJournalReader#poll}.
 */
@FunctionalInterface
public interface EventEnvelopeListener {
    /**
     * @param journalIndex the Chronicle index of the excerpt holding this command's events
     *                     (shared by the commands of one excerpt); store the last one of a poll
     *                     to resume with {@link EventJournalReader#moveAfterIndex(long)}
     * @param commandSequence the sequence of the command whose events follow (strictly ascending)
     * @param timestamp that command's epoch-millisecond timestamp
     * @param eventCount how many event callbacks follow (may be 0)
     */
    void onEnvelope(long journalIndex, long commandSequence, long timestamp, int eventCount);
}
