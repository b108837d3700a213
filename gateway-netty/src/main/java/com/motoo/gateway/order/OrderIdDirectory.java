package com.motoo.gateway.order;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Every user's {@link UserOrderIds}, created on first use. Thread-safe; finding a user who exists
 * takes no lock (the engine thread relies on that), creating one may.
 */
final class OrderIdDirectory {
    private final ConcurrentHashMap<Long, UserOrderIds> users = new ConcurrentHashMap<>();

    /** @return the user's numbering, created empty if new */
    UserOrderIds of(long userId) {
        final UserOrderIds ids = users.get(userId);
        return ids != null ? ids : users.computeIfAbsent(userId, id -> new UserOrderIds(0));
    }
}
