package com.motoo.gateway;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a starting gateway has opened so far (journals, thread pools, the engine, event loops), each
 * with how to close it, so that a start that fails part way closes it all again, last opened first,
 * and leaves no thread running and no journal open. A gateway that started is stopped by its own
 * {@link GatewayServer#close}, not from here. The starting thread only.
 */
final class StartupResources {
    private final Deque<AutoCloseable> closers = new ArrayDeque<>();

    /** How to close one part a start opened. */
    @FunctionalInterface
    interface Closing<T> {
        void close(T part) throws Exception;
    }

    /**
     * Remembers a part that was just opened.
     *
     * @param closing how to close it if a later step of the start fails
     * @return {@code part}
     */
    <T> T add(T part, Closing<? super T> closing) {
        closers.push(() -> closing.close(part));
        return part;
    }

    /**
     * Closes every part added, the last first, going on past a part that fails to close. An
     * interrupt while closing is kept for the caller (the flag is set again) after the remaining
     * parts were asked to close.
     *
     * @param failure what made the start fail; each failure to close is added to it as suppressed
     */
    void closeAfter(Throwable failure) {
        boolean interrupted = false;
        while (!closers.isEmpty()) {
            try {
                closers.pop().close();
            } catch (InterruptedException closing) {
                interrupted = true;
                failure.addSuppressed(closing);
            } catch (Exception closing) {
                failure.addSuppressed(closing);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
