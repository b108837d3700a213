package com.motoo.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a failed start and a stop close, in which order, and what they report when a part fails to
 * close: every part is closed all the same.
 */
@Timeout(10)
class ResourceStackTest {
    private final ResourceStack opened = new ResourceStack();
    private final List<String> closed = new ArrayList<>();

    /** Adds a part whose close is recorded and then fails with {@code failure}. */
    private void addFailing(String part, Exception failure) {
        opened.add(part, name -> {
            closed.add(name);
            throw failure;
        });
    }

    /** Adds a part whose close fails with an {@link Error}; @return that error */
    private LinkageError addErring(String part) {
        final LinkageError error = new LinkageError("a class the " + part + "'s close needs could not be loaded");
        opened.add(part, name -> {
            throw error;
        });
        return error;
    }

    @Test
    void shouldCloseEveryPartLastOpenedFirstAndKeepEachCloseFailureAsSuppressed() {
        assertEquals("journal", opened.add("journal", closed::add));
        final IllegalStateException stuck = new IllegalStateException("a pool did not stop");
        addFailing("pool", stuck);
        opened.add("event loops", closed::add);
        final Exception failure = new Exception("port taken");

        opened.closeAfter(failure);

        assertEquals(List.of("event loops", "pool", "journal"), closed);
        assertEquals(1, failure.getSuppressed().length);
        assertSame(stuck, failure.getSuppressed()[0]);
        opened.closeAfter(new Exception("again"));
        assertEquals(3, closed.size(), "each part is closed once");
    }

    @Test
    void shouldCloseTheRemainingPartsAfterAnInterruptAndSetTheFlagAgain() {
        opened.add("journal", closed::add);
        opened.add("pool", part -> {
            throw new InterruptedException("interrupted while waiting for the pool");
        });
        final Exception failure = new Exception("port taken");

        opened.closeAfter(failure);

        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
        assertEquals(List.of("journal"), closed);
        assertEquals(1, failure.getSuppressed().length);
    }

    @Test
    void shouldStopEveryPartWhenSomeFailToCloseAndThrowTheFirstFailureWithTheLaterOnesSuppressed() {
        opened.add("client-order journal", closed::add);
        final IllegalStateException engineFailed = new IllegalStateException("the engine's journal did not close");
        addFailing("engine", engineFailed);
        opened.add("final snapshot", closed::add);
        final IllegalStateException poolStuck = new IllegalStateException("a thread pool did not stop");
        addFailing("worker pool", poolStuck);
        opened.add("event loops", closed::add);

        final IllegalStateException thrown = assertThrows(IllegalStateException.class, opened::close);

        assertEquals(List.of("event loops", "worker pool", "final snapshot", "engine", "client-order journal"), closed);
        assertSame(poolStuck, thrown, "the first to fail, the newest part");
        assertEquals(List.of(engineFailed), List.of(thrown.getSuppressed()));
        opened.close();
        assertEquals(5, closed.size(), "a second stop closes nothing again");
    }

    @Test
    void shouldCloseThePartsAfterOneThatFailsWithAnErrorAndKeepTheStartsFailureFirst() {
        opened.add("journal", closed::add);
        final LinkageError error = addErring("pool");
        final IllegalStateException poolStuck = new IllegalStateException("a thread pool did not stop");
        addFailing("worker pool", poolStuck);
        final Exception failure = new Exception("port taken");

        opened.closeAfter(failure);

        assertEquals(List.of("worker pool", "journal"), closed);
        assertEquals(List.of(poolStuck, error), List.of(failure.getSuppressed()));
    }

    @Test
    void shouldStopEveryPartAfterAnErrorAndThrowTheErrorAsItIs() {
        opened.add("journal", closed::add);
        final LinkageError error = addErring("pool");
        opened.add("event loops", closed::add);

        assertSame(error, assertThrows(LinkageError.class, opened::close), "an Error is thrown as it is");
        assertEquals(List.of("event loops", "journal"), closed);
    }

    @Test
    void shouldStopEveryPartAfterAnInterruptAndThrowItWrappedWithTheFlagSetAgain() {
        opened.add("journal", closed::add);
        final InterruptedException interrupt = new InterruptedException("interrupted while waiting for the pool");
        addFailing("pool", interrupt);

        final IllegalStateException thrown = assertThrows(IllegalStateException.class, opened::close);

        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller (and cleared here)");
        assertSame(interrupt, thrown.getCause());
        assertEquals(List.of("pool", "journal"), closed);
    }
}
