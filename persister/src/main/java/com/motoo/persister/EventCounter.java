package com.motoo.persister;

import com.motoo.engine.event.EngineEventAdapter;
import com.motoo.journal.event.EventEnvelopeListener;

/**
 * Counts the commands and events it is shown, remembers the last command's timestamp and the
 * sequence of the last command in one watched excerpt; ignores the events themselves (every
 * {@link EngineEventAdapter} callback stays a no-op). Single-threaded.
 */
final class EventCounter extends EngineEventAdapter implements EventEnvelopeListener {
    long commands;
    long events;
    long lastTimestampMs;
    /** The journal index whose last command {@link #watchedSequence} records; -1 for none. */
    long watchedIndex = -1;
    long watchedSequence = -1;

    @Override
    public void onEnvelope(long journalIndex, long commandSequence, long timestamp, int eventCount) {
        if (journalIndex == watchedIndex) {
            watchedSequence = commandSequence;
        }
        commands++;
        events += eventCount;
        lastTimestampMs = timestamp;
    }
}
