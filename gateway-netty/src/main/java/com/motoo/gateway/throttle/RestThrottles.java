package com.motoo.gateway.throttle;

/**
 * The REST API's rate limits, one per kind of caller (see {@code RestRoutes.Access}).
 *
 * @param perUser authenticated calls, per user
 * @param signInPerAddress sign-up, login, refresh and logout, per client address (bcrypt is costly)
 * @param publicPerAddress the public market data (stocks, quotes, books, candles), per client address
 */
public record RestThrottles(UserRateLimits perUser, UserRateLimits signInPerAddress, UserRateLimits publicPerAddress) {
}
