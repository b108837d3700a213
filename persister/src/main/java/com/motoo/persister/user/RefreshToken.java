package com.motoo.persister.user;

import java.time.Instant;

/**
 * A stored refresh token: only its hash is kept.
 *
 * @param revokedAt when it was revoked, or null
 * @param revokedByRotation whether a refresh traded it in (or it was revoked before the store said why, schema V8);
 *        false when a logout or a sign-out everywhere revoked it, or it is live
 */
public record RefreshToken(String tokenHash, long userId, Instant expiresAt, Instant createdAt, Instant revokedAt,
                           boolean revokedByRotation) {
    /** @return whether it may still be used at {@code now} */
    public boolean isValidAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
