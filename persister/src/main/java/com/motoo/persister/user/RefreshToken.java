package com.motoo.persister.user;

import java.time.Instant;

/**
 * A stored refresh token: only its hash is kept.
 *
 * @param revokedAt when it was revoked, or null
 */
public record RefreshToken(String tokenHash, long userId, Instant expiresAt, Instant createdAt, Instant revokedAt) {
    /** @return whether it may still be used at {@code now} */
    public boolean isValidAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
