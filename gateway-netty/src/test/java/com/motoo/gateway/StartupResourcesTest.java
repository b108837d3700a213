package com.motoo.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a failed start closes, in which order, and what it reports when a part fails to close. */
@Timeout(10)
class StartupResourcesTest {
    private final StartupResources opened = new StartupResources();
    private final List<String> closed = new ArrayList<>();

    @Test
    void shouldCloseEveryPartLastOpenedFirstAndKeepEachCloseFailureAsSuppressed() {
        assertEquals("journal", opened.add("journal", closed::add));
        final IllegalStateException stuck = new IllegalStateException("a pool did not stop");
        opened.add("pool", part -> {
            closed.add(part);
            throw stuck;
        });
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
}
