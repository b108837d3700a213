package com.motoo.gateway;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a gateway has opened (journals, thread pools, the engine, event loops, the server channel),
 * each with how to close it at a clean stop. A start that fails part way and a gateway that stops
 * close what was added the same way: last added first, each part once, every part even when one
 * before it fails to close, so that no thread stays running and no journal stays open. A start adds
 * its parts in the reverse of the order in which they are to stop. The managing thread only (or
 * one that sees what it added, as a shutdown hook started after the start does).
 */
final class ResourceStack {
    private final Deque<AutoCloseable> closers = new ArrayDeque<>();

    /** How to close one part. */
    @FunctionalInterface
    interface Closing<T> {
        void close(T part) throws Exception;
    }

    /**
     * Remembers a part that was just opened, or a step of the stop that is to run after the parts
     * added later have closed.
     *
     * @param closing how to close it
     * @return {@code part}
     */
    <T> T add(T part, Closing<? super T> closing) {
        closers.push(() -> closing.close(part));
        return part;
    }

    /**
     * Closes every part added, for a start that failed.
     *
     * @param failure what made the start fail; each failure to close is added to it as suppressed
     */
    void closeAfter(Throwable failure) {
        closeAll(failure);
    }

    /**
     * Closes every part added, for a clean stop; a second call closes nothing.
     *
     * @throws RuntimeException the first failure to close, with the later ones added to it as suppressed; a
     *         checked one (such as an interrupt) comes wrapped in an {@link IllegalStateException}
     * @throws Error the first failure to close when it is an {@link Error}, with the later ones suppressed
     */
    void close() {
        final Throwable first = closeAll(null);
        if (first instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (first instanceof Error error) {
            throw error;
        }
        if (first != null) {
            throw new IllegalStateException("a part of the gateway failed to close: " + first, first);
        }
    }

    /**
     * Closes every part added, the last first, going on past a part that fails to close, even with
     * an {@link Error}. An interrupt while closing is kept for the caller (the flag is set again) after
     * the remaining parts were asked to close.
     *
     * @param failure the failure to add each failure to close to as suppressed, or null: the first
     *        failure to close then takes its place
     * @return that failure; null when it was null and every part closed
     */
    private Throwable closeAll(Throwable failure) {
        Throwable collected = failure;
        boolean interrupted = false;
        while (!closers.isEmpty()) {
            try {
                closers.pop().close();
            } catch (Throwable closing) { // an Error too: the later parts must close all the same
                interrupted |= closing instanceof InterruptedException;
                if (collected == null) {
                    collected = closing;
                } else {
                    collected.addSuppressed(closing);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return collected;
    }
}
