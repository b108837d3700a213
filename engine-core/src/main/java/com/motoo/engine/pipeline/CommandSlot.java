package com.motoo.engine.pipeline;

import com.motoo.engine.command.Command;

/**
 * One preallocated ring entry: a command with its submitter's correlation, or a control request.
 * Filled by a producer between claim and publish, stamped and journaled by the journal thread,
 * applied by the engine thread; the ring's sequence barriers order these hand-offs.
 */
final class CommandSlot {
    static final int COMMAND = 0;
    static final int SNAPSHOT = 1;

    final Command command = new Command();
    int kind;
    long sessionId;
    long requestId;
    long journalIndex;
}
