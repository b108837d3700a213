package com.motoo.engine.account;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The engine's accounts by user id. The exchange numbers its users 1, 2, 3, ... (the sign-up's
 * id), so ids below {@value #DENSE_LIMIT} are kept in an array indexed by the id, one load per
 * lookup instead of a hash probe (the engine looks an account up for nearly every command); any
 * other id (a command file may use any positive long) goes to a hash map. Engine thread only;
 * lookups do not allocate.
 */
public final class AccountTable {
    /** Ids below this are array slots: the array grows to the largest such id, 4 MB of references at most. */
    static final int DENSE_LIMIT = 1 << 20;

    private Account[] dense = new Account[1024];
    private final Long2ObjectHashMap<Account> sparse = new Long2ObjectHashMap<>();
    private int size;

    /** @return the account of this user, or null */
    public Account get(long userId) {
        if (userId >= 0 && userId < DENSE_LIMIT) {
            return userId < dense.length ? dense[(int) userId] : null;
        }
        return sparse.get(userId);
    }

    /** @return whether the user has an account */
    public boolean contains(long userId) {
        return get(userId) != null;
    }

    /** Adds the account of a user who has none. */
    public void add(Account account) {
        final long userId = account.userId();
        if (contains(userId)) {
            throw new IllegalArgumentException("user " + userId + " has an account already");
        }
        if (userId >= 0 && userId < DENSE_LIMIT) {
            if (userId >= dense.length) {
                dense = Arrays.copyOf(dense, Math.min(DENSE_LIMIT, Integer.highestOneBit((int) userId) << 1));
            }
            dense[(int) userId] = account;
        } else {
            sparse.put(userId, account);
        }
        size++;
    }

    /** @return how many accounts there are */
    public int size() {
        return size;
    }

    /** Calls the action with every account, in no promised order. */
    public void forEach(Consumer<Account> action) {
        for (Account account : dense) {
            if (account != null) {
                action.accept(account);
            }
        }
        sparse.values().forEach(action);
    }

    /** @return every user id with an account, ascending (allocates) */
    public long[] userIdsAscending() {
        final long[] ids = new long[size];
        final int[] next = {0};
        forEach(account -> ids[next[0]++] = account.userId());
        Arrays.sort(ids);
        return ids;
    }
}
