package com.motoo.gateway.order;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-over of submitted commands to the engine thread: by request id, never written over. */
@Timeout(10)
class PendingCommandsTest {
    private static PendingCommand command(long userId) {
        return new PendingCommand(null, null, null, userId, 0, null, 0);
    }

    @Test
    void shouldHandACommandOverByItsRequestIdOnce() {
        final PendingCommands pending = new PendingCommands(64);
        final PendingCommand first = command(1);
        assertTrue(pending.put(1, first));
        assertSame(first, pending.take(1));
        assertNull(pending.take(1), "taken");
        assertNull(pending.take(2), "never put");
    }

    @Test
    void shouldHoldFourTimesTheCommandsInFlightAndRefuseToWriteOverASlotStillTaken() {
        final PendingCommands pending = new PendingCommands(64);
        for (long requestId = 1; requestId <= 256; requestId++) {
            assertTrue(pending.put(requestId, command(requestId)), "slot of request " + requestId);
        }
        final PendingCommand later = command(257);
        assertFalse(pending.put(257, later), "request 1's slot is still taken");
        assertEquals(1, pending.take(1).userId(), "and still holds request 1's command");
        assertTrue(pending.put(257, later));
        assertSame(later, pending.take(257));
    }

    @Test
    void shouldTakeBackOnlyItsOwnCommandWhenTheSubmitIsRefused() {
        final PendingCommands pending = new PendingCommands(64);
        final PendingCommand refused = command(1);
        final PendingCommand other = command(2);
        assertTrue(pending.put(3, refused));
        assertFalse(pending.remove(3, other));
        assertSame(refused, pending.take(3), "another command is not removed for it");
        assertTrue(pending.put(3, refused));
        assertTrue(pending.remove(3, refused));
        assertTrue(pending.put(3 + 256, other), "the slot is free again");
    }

    @Test
    void shouldNotTakeBackACommandTheStoppedPipelineHandedOnAlready() {
        final PendingCommands pending = new PendingCommands(64);
        final PendingCommand refused = command(1);
        assertTrue(pending.put(5, refused));
        final int[] drained = {0};
        pending.drain(command -> drained[0]++);
        assertEquals(1, drained[0]);
        assertFalse(pending.remove(5, refused), "the drain answered it: its submitter must not count it again");
    }
}
