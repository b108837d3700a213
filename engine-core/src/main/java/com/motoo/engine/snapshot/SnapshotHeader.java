package com.motoo.engine.snapshot;

/**
 * What a snapshot reflects.
 *
 * @param sequence the sequence of the last command applied to the state (0 for an empty engine)
 * @param journalIndex where that command sits in the command journal (-1 when there is none)
 */
public record SnapshotHeader(long sequence, long journalIndex) {
}
