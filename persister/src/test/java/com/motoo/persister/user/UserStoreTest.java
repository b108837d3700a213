package com.motoo.persister.user;

import com.motoo.persister.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
        assertEquals(1, users.revokeAllRefreshTokens(id));
        assertTrue(users.findRefreshToken("nope").isEmpty());
        assertThrows(SQLException.class, () -> users.saveRefreshToken("t3", 424_242, now));
    }
}
