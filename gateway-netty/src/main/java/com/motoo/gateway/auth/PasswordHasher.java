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
    /**
     * A hash of no one's password at the same cost: checking a password of an unknown user against
     * it takes as long as a real check, so the time of a failed login does not tell whether the
     * user name exists.
     */
    private final String noOnesHash;

    /** @param cost the bcrypt cost factor (4..31) */
    public PasswordHasher(int cost) {
        this.cost = cost;
        this.noOnesHash = hash(java.util.UUID.randomUUID().toString());
    }

    /** @return the bcrypt hash string ($2a$...) of a password of at most 72 UTF-8 bytes */
    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /**
     * @param storedHash the user's hash, or null for a user who does not exist: then the password is
     *                   checked against a hash of no one's password, as slowly as a real check
     * @return whether the password matches the stored hash; false for a malformed or null hash
     */
    public boolean matches(String password, String storedHash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        final boolean verified = BCrypt.verifyer()
            .verify(password.toCharArray(), (storedHash == null ? noOnesHash : storedHash).toCharArray()).verified;
        return storedHash != null && verified;
    }

    /** @return the hash an unknown user's password is checked against (tests) */
    String noOnesHash() {
        return noOnesHash;
    }
}
