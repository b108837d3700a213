package com.motoo.engine.pipeline;

import com.motoo.engine.command.Command;

/** Commands of an array as a journal for start-up replay, each at its index in the array (tests). */
public final class CommandArrayJournal implements JournaledCommands {
    private final Command[] commands;
    private final int to;
    private int next;

    /** The commands from {@code from} (inclusive) to {@code to} (exclusive). */
    public CommandArrayJournal(Command[] commands, int from, int to) {
        this.commands = commands;
        this.next = from;
        this.to = to;
    }

    @Override
    public boolean next(Command into) {
        if (next == to) {
            return false;
        }
        into.copyFrom(commands[next++]);
        return true;
    }

    @Override
    public long lastIndex() {
        return next - 1;
    }
}
