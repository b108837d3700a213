package com.motoo.gateway.order;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each user's connections: a bound per user, and the exchange's stop reaching every connection, late ones too. */
@Timeout(10)
class UserSessionsTest {
    /** A connection that only records what it was told. */
    private static final class Connection implements OrderEventSink {
        private final long userId;
        private final List<String> told;

        Connection(long userId, List<String> told) {
            this.userId = userId;
            this.told = told;
        }

        @Override
        public long userId() {
            return userId;
        }

        @Override
        public void sendOrderEvent(String json) {
            told.add(userId + " event");
        }

        @Override
        public void flushOrderEvents() {
        }

        @Override
        public void answerPending() {
        }

        @Override
        public void answerQueued() {
        }

        @Override
        public void signOut() {
            told.add(userId + " signed out");
        }

        @Override
        public void exchangeStopping() {
            told.add(userId + " stopping");
        }
    }

    @Test
    void shouldKeepAtMostTheGivenNumberOfConnectionsPerUser() {
        final UserSessions sessions = new UserSessions();
        final List<String> told = new ArrayList<>();
        final Connection first = new Connection(1, told);
        assertTrue(sessions.add(first, 1));
        assertFalse(sessions.add(new Connection(1, told), 1));
        assertTrue(sessions.add(new Connection(2, told), 1), "the bound is per user");
        assertArrayEquals(new OrderEventSink[] {first}, sessions.of(1));
        sessions.remove(first);
        assertEquals(0, sessions.of(1).length);
        assertEquals(1, sessions.users());
    }

    @Test
    void shouldTellEveryConnectionOfTheStopAndEachOneAddedAfterIt() {
        final UserSessions sessions = new UserSessions();
        final List<String> told = new ArrayList<>();
        sessions.add(new Connection(1, told), 5);
        sessions.add(new Connection(2, told), 5);
        sessions.exchangeStopping();
        assertEquals(List.of("1 stopping", "2 stopping"), told.stream().sorted().toList());
        assertTrue(sessions.add(new Connection(3, told), 5), "a connection that signs in during the stop's wait");
        assertEquals("3 stopping", told.get(2), "is told at once, so the stop need not wait for it in vain");
    }
}
