package com.motoo.gateway.auth;

import java.time.Duration;

/**
 * How refresh tokens live.
 *
 * @param ttl how long a refresh token may be used
 * @param reuseGrace how long after its revocation a refresh token presented again is only refused;
 *        later, it signs every session of its user out (it may have been stolen)
 */
public record RefreshPolicy(Duration ttl, Duration reuseGrace) {
}
