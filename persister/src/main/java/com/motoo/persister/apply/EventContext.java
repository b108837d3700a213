package com.motoo.persister.apply;

/**
 * Where the event being applied comes from: its journal excerpt, the command that caused it and
 * the event's place among that command's events. One mutable instance per applier, updated
 * before every event and read by the sinks on the same thread.
 */
public final class EventContext {
    long journalIndex = -1;
    long commandSeq;
    long timestampMs;
    int eventNo;

    /** @return the journal index of the excerpt being applied */
    public long journalIndex() {
        return journalIndex;
    }

    /** @return the sequence of the command that caused the event */
    public long commandSeq() {
        return commandSeq;
    }

    /** @return the command's epoch-millisecond timestamp */
    public long timestampMs() {
        return timestampMs;
    }

    /** @return the event's 0-based place among its command's events */
    public int eventNo() {
        return eventNo;
    }
}
