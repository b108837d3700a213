package com.motoo.gateway.auth;

/**
 * Who a verified access token speaks for. Immutable.
 *
 * @param userId the engine user id (equal to {@code users.id})
 * @param role what the user may do
 * @param expiresAtMillis when the token stops being valid, epoch milliseconds
 * @param sessionEpoch the user's session epoch the token was issued in ({@link SignOuts})
 */
public record Principal(long userId, Role role, long expiresAtMillis, int sessionEpoch) {
    /** @return whether the user may call admin endpoints */
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
