package com.motoo.gateway.order;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The commands submitted to the pipeline that the engine has not started yet, by request id: the
 * hand-over from the submitting threads (event loops, REST workers) to the engine thread. A fixed
 * table of slots indexed by {@code requestId & mask}, four times the commands that can be in flight
 * rounded up to a power of two. The ring bounds those (a submit that finds it full is refused and
 * its command removed), so a request id's slot has long been taken back by the engine when the
 * same slot comes round again; a put that finds it still taken (its submitter stalled between put
 * and publish for thrice the ring) is refused, never written over.
 *
 * <p>Lock-free and allocation-free: a put is a compare-and-set from empty, a take a read and a
 * release store. Puts and removes on any thread; takes on the engine thread only.
 */
final class PendingCommands {
    private static final int SLOTS_PER_COMMAND_IN_FLIGHT = 4;

    private final AtomicReferenceArray<PendingCommand> slots;
    private final int mask;

    /** @param inFlight the most commands in flight at once: the pipeline's ring size */
    PendingCommands(int inFlight) {
        final int atLeast = Math.max(2, inFlight);
        final int capacity = (Integer.highestOneBit(atLeast - 1) << 1) * SLOTS_PER_COMMAND_IN_FLIGHT;
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
    }

    /**
     * Stores a command before it is submitted. Any thread.
     *
     * @return false, storing nothing, when the slot still holds an earlier request's command
     */
    boolean put(long requestId, PendingCommand command) {
        return slots.compareAndSet(index(requestId), null, command);
    }

    /**
     * Takes back the command of a request the pipeline refused. Its submitting thread.
     *
     * @return false when it was no longer there: a stopping pipeline's {@link #drain} has handed it on
     */
    boolean remove(long requestId, PendingCommand command) {
        return slots.compareAndSet(index(requestId), command, null);
    }

    /**
     * The engine thread only, once per request id the pipeline hands back (the put happened before
     * the submit that published it).
     *
     * @return the request's command, its slot emptied; null when none was stored
     */
    PendingCommand take(long requestId) {
        final int index = index(requestId);
        final PendingCommand command = slots.get(index);
        if (command != null) {
            slots.setRelease(index, null);
        }
        return command;
    }

    /** Empties every slot, handing each command still waiting to {@code stopped} (the pipeline stopped). Any one thread. */
    void drain(Consumer<PendingCommand> stopped) {
        for (int i = 0; i < slots.length(); i++) {
            final PendingCommand command = slots.getAndSet(i, null);
            if (command != null) {
                stopped.accept(command);
            }
        }
    }

    private int index(long requestId) {
        return (int) (requestId & mask);
    }
}
