package com.motoo.persister.user;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.LongStream;

/**
 * Users and refresh tokens for sign-up and login, in the {@code users} and
 * {@code refresh_tokens} tables of the read-model schema. Hashing passwords and tokens is the
 * caller's job: this class stores and finds what it is given. Thread-safe; one pooled connection
 * per call.
 */
public final class UserStore {
    private static final String USER_COLUMNS =
        "SELECT id, username, password_hash, display_name, role, rankings_opt_in, created_at FROM users";

    private final DataSource dataSource;

    /** @param dataSource connections to the read-model schema */
    public UserStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates a user with a fresh id (which becomes the engine account id). A taken name uses up no
     * id (the id is drawn only for a name not found taken; two sign-ups racing for one name can still
     * use up one), so ids stay dense for the engine's account table.
     *
     * @return the new user, or empty if the username is taken, in any case ("Alice" when "alice" is taken)
     */
    public Optional<User> create(String username, String passwordHash, String displayName, User.Role role)
        throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            "INSERT INTO users (username, password_hash, display_name, role) SELECT ?, ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower(?) AND NOT username_case_duplicate)"
                + " ON CONFLICT (lower(username)) WHERE NOT username_case_duplicate DO NOTHING"
                + " RETURNING id, username, password_hash, display_name, role,"
                + " rankings_opt_in, created_at")) {
            s.setString(1, username);
            s.setString(2, passwordHash);
            s.setString(3, displayName);
            s.setString(4, role.name());
            s.setString(5, username);
            return one(s);
        }
    }

    /**
     * @return the user of this username in any case ("ALICE" finds "alice"), if any; a name spelt
     *         exactly as signed up first, for the names that differ only in case and were all
     *         taken before names were told apart without case (schema V6)
     */
    public Optional<User> findByUsername(String username) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            USER_COLUMNS + " WHERE username = ? OR (lower(username) = lower(?) AND NOT username_case_duplicate)"
                + " ORDER BY username = ? DESC LIMIT 1")) {
            s.setString(1, username);
            s.setString(2, username);
            s.setString(3, username);
            return one(s);
        }
    }

    /** @return the user with this id, if any */
    public Optional<User> findById(long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            USER_COLUMNS + " WHERE id = ?")) {
            s.setLong(1, id);
            return one(s);
        }
    }

    /**
     * Changes what the rankings show of a user: the display name and whether it is shown.
     *
     * @param displayName the new display name, or null to keep it
     * @param rankingsOptIn the new choice, or null to keep it
     * @return the user as changed, or empty if there is no such user
     */
    public Optional<User> updateProfile(long id, String displayName, Boolean rankingsOptIn) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            "UPDATE users SET display_name = COALESCE(?, display_name), rankings_opt_in = COALESCE(?, rankings_opt_in)"
                + " WHERE id = ? RETURNING id, username, password_hash, display_name, role, rankings_opt_in, created_at")) {
            s.setString(1, displayName);
            s.setObject(2, rankingsOptIn, Types.BOOLEAN);
            s.setLong(3, id);
            return one(s);
        }
    }

    /**
     * Stores a refresh token's hash for a user until {@code expiresAt} (a login), in a transaction that holds the user's
     * row, as {@link #signOutEverywhere} does: a sign-out everywhere at the same moment either revokes the new token or
     * comes after it, with a new epoch.
     *
     * @return the user's session epoch the token belongs to, which the access token issued with it must carry
     */
    public int saveRefreshToken(String tokenHash, long userId, Instant expiresAt) throws SQLException {
        return inUserTransaction(userId, (c, epoch) -> {
            insertRefreshToken(c, tokenHash, userId, expiresAt);
            return epoch;
        });
    }

    private static void insertRefreshToken(Connection c, String tokenHash, long userId, Instant expiresAt)
        throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)")) {
            s.setString(1, tokenHash);
            s.setLong(2, userId);
            s.setTimestamp(3, Timestamp.from(expiresAt));
            s.executeUpdate();
        }
    }

    /** @return the stored token with this hash (valid or not), if any */
    public Optional<RefreshToken> findRefreshToken(String tokenHash) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            "SELECT token_hash, user_id, expires_at, created_at, revoked_at, revoked_by FROM refresh_tokens"
                + " WHERE token_hash = ?")) {
            s.setString(1, tokenHash);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                final Timestamp revoked = rs.getTimestamp(5);
                final String revokedBy = rs.getString(6);
                return Optional.of(new RefreshToken(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                    rs.getTimestamp(4).toInstant(), revoked == null ? null : revoked.toInstant(),
                    revoked != null && (revokedBy == null || revokedBy.equals("ROTATION"))));
            }
        }
    }

    /** Revokes one token (a logout); @return whether it existed and was not yet revoked */
    public boolean revokeRefreshToken(String tokenHash) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            "UPDATE refresh_tokens SET revoked_at = now(), revoked_by = 'LOGOUT' WHERE token_hash = ? AND revoked_at IS NULL")) {
            s.setString(1, tokenHash);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Trades a live refresh token for a new one, in one transaction: the old token is revoked and the new one stored only if
     * the old one belonged to this user, was not revoked and had not expired at {@code now}. The transaction holds the user's
     * row, as {@link #signOutEverywhere} does, so a sign-out of every session and a rotation at the same moment are
     * applied one after the other: the new token is either refused or revoked with the others, never left live.
     *
     * @return the user's session epoch (see {@link #signOutEverywhere}) as of the rotation, which the access token issued
     *         with the new refresh token must carry; empty, storing nothing, when the old token was not live
     */
    public OptionalInt rotateRefreshToken(long userId, String oldHash, String newHash, Instant now, Instant expiresAt)
        throws SQLException {
        return inUserTransaction(userId, (c, epoch) -> {
            try (PreparedStatement revoke = c.prepareStatement("UPDATE refresh_tokens SET revoked_at = now(),"
                     + " revoked_by = 'ROTATION' WHERE token_hash = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?")) {
                revoke.setString(1, oldHash);
                revoke.setLong(2, userId);
                revoke.setTimestamp(3, Timestamp.from(now));
                if (revoke.executeUpdate() != 1) {
                    return OptionalInt.empty();
                }
            }
            insertRefreshToken(c, newHash, userId, expiresAt);
            return OptionalInt.of(epoch);
        });
    }

    /**
     * Signs a user out everywhere: revokes every refresh token of theirs and adds one to their session epoch, so that the
     * access tokens issued before (which carry an older epoch) are refused too. In a transaction that first takes the
     * user's row: a rotation ({@link #rotateRefreshToken}) under way finishes first, and the token it stored is revoked
     * too.
     *
     * @return the user's new session epoch
     */
    public int signOutEverywhere(long userId) throws SQLException {
        return inUserTransaction(userId, (c, epoch) -> {
            try (PreparedStatement revoke = c.prepareStatement(
                     "UPDATE refresh_tokens SET revoked_at = now(), revoked_by = 'SIGN_OUT' WHERE user_id = ?"
                         + " AND revoked_at IS NULL");
                 PreparedStatement next = c.prepareStatement("UPDATE users SET session_epoch = ? WHERE id = ?")) {
                revoke.setLong(1, userId);
                revoke.executeUpdate();
                next.setInt(1, epoch + 1);
                next.setLong(2, userId);
                next.executeUpdate();
                return epoch + 1;
            }
        });
    }

    /**
     * Hands every user whose session epoch is above 0 (who was signed out everywhere at least once) to the consumer, with
     * that epoch: what the gateway loads at start-up.
     */
    public void forEachSessionEpoch(SessionEpochConsumer consumer) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            "SELECT id, session_epoch FROM users WHERE session_epoch > 0 ORDER BY id");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                consumer.accept(rs.getLong(1), rs.getInt(2));
            }
        }
    }

    /** @return every user's id, ascending */
    public long[] userIds() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
            "SELECT id FROM users ORDER BY id");
             ResultSet rs = s.executeQuery()) {
            final LongStream.Builder ids = LongStream.builder();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids.build().toArray();
        }
    }

    /** Takes a user id and its session epoch. */
    @FunctionalInterface
    public interface SessionEpochConsumer {
        void accept(long userId, int sessionEpoch);
    }

    /** Work done on one connection inside a transaction that holds a user's row, given the user's session epoch. */
    @FunctionalInterface
    private interface TransactionWork<T> {
        T run(Connection c, int sessionEpoch) throws SQLException;
    }

    /**
     * Runs the work in a transaction that first takes the user's row (see {@link #lockUser}), commits it, or rolls it back
     * on any exception. A user that does not exist gets epoch 0 (the work then finds nothing of theirs).
     */
    private <T> T inUserTransaction(long userId, TransactionWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                final T result = work.run(c, lockUser(c, userId));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * Takes the user's row until the transaction ends: the lock that orders the refresh-token changes of one user (a lock
     * that does not block the key-share lock a new token's foreign key takes, so logins go on).
     *
     * @return the user's session epoch, 0 when there is no such user
     */
    private static int lockUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT session_epoch FROM users WHERE id = ? FOR NO KEY UPDATE")) {
            s.setLong(1, userId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static Optional<User> one(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                User.Role.valueOf(rs.getString(5)), rs.getBoolean(6), rs.getTimestamp(7).toInstant()));
        }
    }
}
