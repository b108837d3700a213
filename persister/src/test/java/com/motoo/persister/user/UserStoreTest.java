package com.motoo.persister.user;

import com.motoo.persister.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(TestDatabase.class)
@Timeout(30)
class UserStoreTest {
    private TestDatabase.Schema db;
    private UserStore users;

    @BeforeEach
    void setUp() {
        db = TestDatabase.newSchema();
        users = new UserStore(db.dataSource());
    }

    @AfterEach
    void tearDown() throws SQLException {
        db.close();
    }

    @Test
    void shouldCreateUsersWithFreshIdsAndUniqueNames() throws Exception {
        final User alice = users.create("alice", "$2a$hash", "Alice", User.Role.USER).orElseThrow();
        final User admin = users.create("root", "$2a$other", "Admin", User.Role.ADMIN).orElseThrow();
        assertNotEquals(alice.id(), admin.id());
        assertTrue(users.create("alice", "x", "Impostor", User.Role.USER).isEmpty());
        assertEquals(alice, users.findByUsername("alice").orElseThrow());
        assertEquals(User.Role.ADMIN, users.findById(admin.id()).orElseThrow().role());
        assertFalse(alice.rankingsOptIn());
        assertTrue(users.updateProfile(alice.id(), null, true).isPresent());
        assertTrue(users.findById(alice.id()).orElseThrow().rankingsOptIn());
        assertEquals("Alice", users.findById(alice.id()).orElseThrow().displayName(), "a null name keeps the name");
        assertFalse(users.updateProfile(999_999, null, true).isPresent());
        assertTrue(users.findByUsername("bob").isEmpty());
        assertArrayEquals(new long[] {Math.min(alice.id(), admin.id()), Math.max(alice.id(), admin.id())}, users.userIds(),
            "every user, ascending");
    }

    @Test
    void shouldTellNamesApartWithoutRegardToCase() throws Exception {
        final User alice = users.create("Alice", "$2a$hash", "Alice", User.Role.USER).orElseThrow();
        assertTrue(users.create("alice", "x", "Impostor", User.Role.USER).isEmpty(), "taken in another case");
        assertTrue(users.create("ALICE", "x", "Impostor", User.Role.USER).isEmpty(), "taken in another case");
        assertEquals(alice, users.findByUsername("alice").orElseThrow());
        assertEquals(alice, users.findByUsername("aLiCe").orElseThrow());
        assertEquals("Alice", users.findByUsername("ALICE").orElseThrow().username(), "stored as typed");
        assertEquals(alice.id() + 1, users.create("bob", "h", "Bob", User.Role.USER).orElseThrow().id(),
            "the refused sign-ups used up no id");
    }

    @Test
    void shouldStoreAndRevokeRefreshTokens() throws Exception {
        final long id = users.create("carol", "h", "Carol", User.Role.USER).orElseThrow().id();
        final Instant now = Instant.now();
        users.saveRefreshToken("t1", id, now.plus(7, ChronoUnit.DAYS));
        users.saveRefreshToken("t2", id, now.minusSeconds(1));
        assertTrue(users.findRefreshToken("t1").orElseThrow().isValidAt(now));
        assertFalse(users.findRefreshToken("t2").orElseThrow().isValidAt(now));
        assertTrue(users.revokeRefreshToken("t1"));
        assertFalse(users.revokeRefreshToken("t1"));
        assertFalse(users.findRefreshToken("t1").orElseThrow().isValidAt(now));
        assertFalse(users.findRefreshToken("t1").orElseThrow().revokedByRotation(), "a logout revoked it");
        assertEquals(1, users.signOutEverywhere(id), "the first sign-out everywhere");
        assertFalse(users.findRefreshToken("t2").orElseThrow().revokedAt() == null, "revokes every token");
        assertFalse(users.findRefreshToken("t2").orElseThrow().revokedByRotation(), "a sign-out revoked it");
        assertEquals(2, users.signOutEverywhere(id));
        final List<String> epochs = new ArrayList<>();
        users.forEachSessionEpoch((userId, epoch) -> epochs.add(userId + ":" + epoch));
        assertEquals(List.of(id + ":2"), epochs, "only users signed out everywhere, with their epoch");
        assertTrue(users.findRefreshToken("nope").isEmpty());
        assertThrows(SQLException.class, () -> users.saveRefreshToken("t3", 424_242, now));
    }

    @Test
    void shouldRotateOnlyALiveTokenOfItsUser() throws Exception {
        final long id = users.create("dave", "h", "Dave", User.Role.USER).orElseThrow().id();
        final long other = users.create("erin", "h", "Erin", User.Role.USER).orElseThrow().id();
        final Instant now = Instant.now();
        final Instant week = now.plus(7, ChronoUnit.DAYS);
        users.saveRefreshToken("t1", id, week);
        users.saveRefreshToken("old", id, now.minusSeconds(1));
        assertTrue(users.rotateRefreshToken(other, "t1", "stolen", now, week).isEmpty(), "another user's token");
        assertEquals(OptionalInt.of(0), users.rotateRefreshToken(id, "t1", "t2", now, week), "with the user's epoch");
        assertFalse(users.findRefreshToken("t1").orElseThrow().isValidAt(now), "the old token is revoked");
        assertTrue(users.findRefreshToken("t1").orElseThrow().revokedByRotation(), "by the rotation");
        assertFalse(users.findRefreshToken("t2").orElseThrow().revokedByRotation(), "a live token was revoked by nothing");
        assertTrue(users.findRefreshToken("t2").orElseThrow().isValidAt(now), "the new token is live");
        assertTrue(users.rotateRefreshToken(id, "t1", "t3", now, week).isEmpty(), "a used token");
        assertTrue(users.rotateRefreshToken(id, "old", "t4", now, week).isEmpty(), "an expired token");
        assertTrue(users.rotateRefreshToken(id, "nope", "t5", now, week).isEmpty(), "an unknown token");
        assertTrue(users.findRefreshToken("stolen").isEmpty() && users.findRefreshToken("t3").isEmpty()
            && users.findRefreshToken("t4").isEmpty() && users.findRefreshToken("t5").isEmpty(), "refused rotations store nothing");
    }

    /**
     * The race reuse detection must not lose: a rotation is under way (held here at the old token's row by a transaction
     * of the test) when every session of the user is signed out. The sign-out must wait for the rotation and revoke the
     * token it stored; without the user-row lock it revokes what it sees at its start, and the rotated token stays live.
     */
    @Test
    void shouldRevokeATokenRotatedWhileEverySessionIsSignedOut() throws Exception {
        final long id = users.create("frank", "h", "Frank", User.Role.USER).orElseThrow().id();
        final Instant now = Instant.now();
        final Instant week = now.plus(7, ChronoUnit.DAYS);
        users.saveRefreshToken("t1", id, week);
        final ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Connection holder = db.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement("SELECT 1 FROM refresh_tokens WHERE token_hash = 't1' FOR UPDATE")) {
                hold.executeQuery().close();
            }
            final Future<OptionalInt> rotation = threads.submit(() -> users.rotateRefreshToken(id, "t1", "t2", now, week));
            awaitWaitingOnALock("UPDATE refresh_tokens"); // the rotation holds the user's row, and waits for the token's
            final Future<Integer> signOut = threads.submit(() -> users.signOutEverywhere(id));
            awaitWaitingOnALock("SELECT session_epoch FROM users"); // the sign-out waits for the user's row
            holder.rollback();
            assertEquals(OptionalInt.of(0), rotation.get(10, TimeUnit.SECONDS), "the rotation went through first, in epoch 0");
            assertEquals(1, signOut.get(10, TimeUnit.SECONDS), "then the sign-out, which ended epoch 0");
            assertFalse(users.findRefreshToken("t2").orElseThrow().isValidAt(now), "and revoked the rotated token");
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /** A login during a sign-out everywhere waits for it, and its token belongs to the epoch the sign-out began. */
    @Test
    void shouldStoreALoginsTokenInTheEpochASignOutUnderWayEndsWith() throws Exception {
        final long id = users.create("gina", "h", "Gina", User.Role.USER).orElseThrow().id();
        final ExecutorService threads = Executors.newSingleThreadExecutor();
        try (Connection signOut = db.dataSource().getConnection()) {
            signOut.setAutoCommit(false);
            try (PreparedStatement lock = signOut.prepareStatement("SELECT 1 FROM users WHERE id = ? FOR NO KEY UPDATE");
                 PreparedStatement next = signOut.prepareStatement("UPDATE users SET session_epoch = 1 WHERE id = ?")) {
                lock.setLong(1, id);
                lock.executeQuery().close();
                next.setLong(1, id);
                next.executeUpdate();
            }
            final Future<Integer> login = threads.submit(() -> users.saveRefreshToken("t1", id,
                Instant.now().plus(7, ChronoUnit.DAYS)));
            awaitWaitingOnALock("SELECT session_epoch FROM users");
            signOut.commit();
            assertEquals(1, login.get(10, TimeUnit.SECONDS), "the login's token is of the new epoch");
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /** Waits until a session of this database whose statement starts with {@code statement} waits for a lock. */
    private void awaitWaitingOnALock(String statement) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                + " AND query LIKE ? || '%'")) {
            s.setString(1, statement);
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        }
    }
}
