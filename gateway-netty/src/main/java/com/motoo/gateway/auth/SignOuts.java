package com.motoo.gateway.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The session epochs of the users who were signed out everywhere: an access token carries its user's epoch as of its
 * issue, and one of an older epoch is refused ({@link TokenService#verify}). Users never signed out everywhere have epoch 0
 * and no entry. The store ({@code users.session_epoch}) is the truth; this copy is loaded at start-up and updated by
 * every sign-out everywhere this gateway makes. Thread-safe; {@link #epochOf} is one map read (it boxes the id).
 */
public final class SignOuts {
    private final ConcurrentHashMap<Long, Integer> epochs = new ConcurrentHashMap<>();
    private final LongConsumer endConnections;

    /** @param endConnections closes the open connections of a user just signed out everywhere (any thread) */
    public SignOuts(LongConsumer endConnections) {
        this.endConnections = endConnections;
    }

    /** @return the user's session epoch: access tokens of an older one are refused */
    public int epochOf(long userId) {
        return epochs.getOrDefault(userId, 0);
    }

    /** Notes a user's epoch as stored (start-up). */
    public void load(long userId, int epoch) {
        epochs.merge(userId, epoch, Math::max);
    }

    /**
     * A sign-out everywhere was stored: from now on only tokens of {@code epoch} or later count, and the user's open
     * connections are closed (after the epoch is noted, so a connection authenticated meanwhile is caught either by the
     * close or by its check of the epoch after it registered).
     */
    public void signedOut(long userId, int epoch) {
        load(userId, epoch);
        endConnections.accept(userId);
    }
}
