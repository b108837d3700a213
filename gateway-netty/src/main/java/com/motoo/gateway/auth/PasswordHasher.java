package com.motoo.gateway.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashing (at.favre.lib:bcrypt). Deliberately slow: call it off the Netty event
 * loop. Thread-safe.
 */
public final class PasswordHasher {
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final int cost;

    /** @param cost the bcrypt cost factor (4..31) */
    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    /** @return the bcrypt hash string ($2a$...) of a password of at most 72 UTF-8 bytes */
    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /** @return whether the password matches the stored hash; false for a malformed hash */
    public boolean matches(String password, String storedHash) {
        if (storedHash == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), storedHash.toCharArray()).verified;
    }
}
