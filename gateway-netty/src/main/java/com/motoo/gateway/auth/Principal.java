package com.motoo.gateway.auth;

/**
 * Who a verified access token speaks for. Immutable.
 *
 * @param userId the engine user id (equal to {@code users.id})
 * @param role what the user may do
 * @param expiresAtMillis when the token stops being valid, epoch milliseconds
 */
public record Principal(long userId, Role role, long expiresAtMillis) {
    /** @return whether the user may call admin endpoints */
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
