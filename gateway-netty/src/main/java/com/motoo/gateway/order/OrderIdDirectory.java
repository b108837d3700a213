package com.motoo.gateway.order;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user's {@link UserOrderIds}, created on first use. Thread-safe.
 */
final class OrderIdDirectory {
    private final ConcurrentHashMap<Long, UserOrderIds> users = new ConcurrentHashMap<>();

    /** @return the user's numbering, created empty if new */
    UserOrderIds of(long userId) {
        return users.computeIfAbsent(userId, id -> new UserOrderIds(0));
    }
}
