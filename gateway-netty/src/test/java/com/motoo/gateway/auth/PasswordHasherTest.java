package com.motoo.gateway.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(4);

    @Test
    void shouldMatchOnlyTheRightPassword() {
        final String hash = hasher.hash("a-long-password");
        assertTrue(hasher.matches("a-long-password", hash));
        assertFalse(hasher.matches("a-long-passwore", hash));
        assertFalse(hasher.matches("a-long-password", "not a bcrypt hash"));
    }

    @Test
    void shouldCheckAnUnknownUsersPasswordAsSlowlyAsAKnownOnes() {
        assertTrue(hasher.noOnesHash().startsWith("$2a$04$"), "a real bcrypt hash at the same cost: " + hasher.noOnesHash());
        assertFalse(hasher.matches("a-long-password", null));
    }

    @Test
    void shouldRefusePasswordsBcryptWouldCut() {
        final String longest = "x".repeat(PasswordHasher.MAX_PASSWORD_BYTES);
        assertTrue(hasher.matches(longest, hasher.hash(longest)));
        assertFalse(hasher.matches(longest + "y", hasher.hash(longest)));
    }
}
