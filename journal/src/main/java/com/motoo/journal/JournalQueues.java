package com.motoo.journal;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;

/**
 * Where the two journals of one engine live and how they are opened: {@code DIR/commands} and
 * {@code DIR/events}, Chronicle Queues with a daily roll cycle ({@link RollCycles#FAST_DAILY},
 * files named by UTC day). Thread-safe; each call opens a new queue the caller must close.
 */
public final class JournalQueues {
    /** Sub-directory of the command journal. */
    public static final String COMMANDS = "commands";
    /** Sub-directory of the event journal. */
    public static final String EVENTS = "events";
    /**
     * How long an appender waits for a header left half-written by a killed process before it
     * takes the slot over. Each journal has one writer, so such a header is always abandoned.
     */
    private static final long ABANDONED_HEADER_TIMEOUT_MS = 500;

    private JournalQueues() {
    }

    /** Opens (creating if needed) the command journal under {@code dir}. */
    public static SingleChronicleQueue commands(Path dir) {
        return open(dir.resolve(COMMANDS));
    }

    /** Opens (creating if needed) the event journal under {@code dir}. */
    public static SingleChronicleQueue events(Path dir) {
        return open(dir.resolve(EVENTS));
    }

    /** Opens (creating if needed) one queue directory with Motoo's settings. */
    public static SingleChronicleQueue open(Path queueDir) {
        return SingleChronicleQueueBuilder.binary(queueDir)
            .rollCycle(RollCycles.FAST_DAILY)
            .timeoutMS(ABANDONED_HEADER_TIMEOUT_MS)
            .build();
    }
}
