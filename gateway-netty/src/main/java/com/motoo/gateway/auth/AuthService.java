package com.motoo.gateway.auth;

import com.motoo.engine.event.RejectReason;
import com.motoo.gateway.order.EngineCall;
import com.motoo.gateway.order.OrderEntryService;
import com.motoo.gateway.order.OrderRequestAdapter;
import com.motoo.gateway.order.RequestException;

import com.motoo.persister.user.RefreshToken;
import com.motoo.persister.user.User;
import com.motoo.persister.user.UserStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sign-up, login, refresh and logout. Sign-up stores the user (bcrypt hash, in the persister's user store) and opens the engine
 * account with the starting cash through the pipeline, so the opening is journaled. Blocking
 * (bcrypt, JDBC, waiting for the engine): worker threads only. Thread-safe.
 */
public final class AuthService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    private static final long ENGINE_WAIT_SECONDS = 10;
    private static final int ACCOUNT_ATTEMPTS = 100;
    private static final long ACCOUNT_RETRY_MILLIS = 20;

    /** What login and refresh return. */
    public record Tokens(String accessToken, String refreshToken, long expiresIn, long userId) {
    }

    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final OrderEntryService orders;
    private final RefreshPolicy refreshPolicy;
    private final SignOuts signOuts;
    private final long startingCash;
    private final Set<String> adminUsers;

    public AuthService(UserStore users, PasswordHasher hasher, TokenService tokens, OrderEntryService orders,
                       RefreshPolicy refresh, SignOuts signOuts, long startingCash, Set<String> adminUsers) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.orders = orders;
        this.refreshPolicy = refresh;
        this.signOuts = signOuts;
        this.startingCash = startingCash;
        this.adminUsers = adminUsers.stream().map(AuthService::anyCase).collect(Collectors.toUnmodifiableSet());
    }

    /** User names are told apart without regard to case (the users table's V6); they are ASCII. */
    private static String anyCase(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /**
     * Creates a user and its engine account.
     *
     * @return the new user id
     * @throws RequestException INVALID_REQUEST, DUPLICATE_USERNAME (409), BUSY (503)
     */
    public long signUp(String username, String password, String displayName, boolean rankingsOptIn) throws SQLException {
        if (!USERNAME.matcher(username).matches()) {
            throw RequestException.invalid("username must be 3 to 32 characters of [A-Za-z0-9_.-]");
        }
        checkPassword(password);
        final String shown = checkDisplayName(displayName == null ? username : displayName);
        final Role role = adminUsers.contains(anyCase(username)) ? Role.ADMIN : Role.USER;
        final User user = users.create(username, hasher.hash(password), shown,
            role == Role.ADMIN ? User.Role.ADMIN : User.Role.USER).orElse(null);
        if (user == null) {
            throw new RequestException("DUPLICATE_USERNAME", 409, "username '" + username + "' is taken");
        }
        final long userId = user.id();
        if (rankingsOptIn) {
            users.updateProfile(userId, null, true);
        }
        openAccount(userId);
        return userId;
    }

    /**
     * Changes what the rankings show of the user: the display name, whether it is shown, or both.
     *
     * @param displayName the new display name (stripped, 1 to 32 characters), or null to keep it
     * @param rankingsOptIn the new choice, or null to keep it
     * @return the user as changed
     * @throws RequestException INVALID_REQUEST for a bad name, UNKNOWN_ACCOUNT (404) for a user that does not exist
     */
    public User updateProfile(long userId, String displayName, Boolean rankingsOptIn) throws SQLException {
        final String shown = displayName == null ? null : checkDisplayName(displayName);
        return users.updateProfile(userId, shown, rankingsOptIn)
            .orElseThrow(() -> new RequestException("UNKNOWN_ACCOUNT", 404, "no user " + userId));
    }

    /**
     * @return the display name stripped, checked to be 1 to 32 characters without control characters
     *         or lone surrogates ({@link OrderRequestAdapter#plainText})
     */
    private static String checkDisplayName(String displayName) {
        final String shown = OrderRequestAdapter.plainText(displayName, "displayName").strip();
        if (shown.isEmpty() || shown.length() > 32) {
            throw RequestException.invalid("displayName must be 1 to 32 characters");
        }
        return shown;
    }

    /**
     * Opens the engine accounts of the given users, with the starting cash a sign-up gives, through the
     * pipeline (journaled): users the read model has and the engine lacks, whose sign-up a stop or a
     * crash interrupted between saving the user and opening its account. Start-up, before serving.
     *
     * @param userIds users the engine has no account of
     * @throws RequestException BUSY when the ring stayed full or the exchange is stopping
     */
    public void openMissingAccounts(long[] userIds) {
        for (long userId : userIds) {
            openAccount(userId);
        }
    }

    /**
     * Opens the user's engine account, retrying while the ring is full: the user row exists now,
     * so giving up would leave a user without an account. Gives up at once when the exchange is
     * stopping (a gateway stop lets the sign-ups it has taken finish first, so only one that races
     * past that is refused here).
     *
     * @throws RequestException BUSY when the ring stayed full, or the exchange is stopping: the user
     *         is then saved without an engine account, which the answer says
     */
    private void openAccount(long userId) {
        for (int attempt = 1; ; attempt++) {
            final EngineCall call = new EngineCall();
            try {
                orders.submitAdmin(orders.command().account(userId, startingCash), call);
                final RejectReason refused = await(call).reason();
                if (refused != null) {
                    throw new IllegalStateException("the engine refused to open the account of new user " + userId + ": "
                        + refused + " (the read model's users and the engine's accounts disagree: was the database"
                        + " replaced under a journal that was kept?)");
                }
                return;
            } catch (RequestException busy) {
                if (busy.exchangeStopping()) {
                    throw RequestException.stopping("the exchange is stopping: user " + userId + " was saved but its"
                        + " account could not be opened (" + busy.getMessage() + ")");
                }
                if (attempt == ACCOUNT_ATTEMPTS) {
                    throw busy;
                }
                try {
                    Thread.sleep(ACCOUNT_RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    private static void checkPassword(String password) {
        final int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 8 || bytes > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw RequestException.invalid("password must be 8 to 72 bytes");
        }
        if (password.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            throw RequestException.invalid("password must not be only spaces");
        }
    }

    /**
     * @return fresh tokens
     * @throws RequestException NOT_AUTHENTICATED (401) for a wrong name or password, after a password
     *         check either way, so the answer's time does not tell whether the name exists; a name no
     *         sign-up takes (one with a NUL, which PostgreSQL cannot even compare) is a wrong name,
     *         looked up nowhere
     */
    public Tokens login(String username, String password) throws SQLException {
        final User user = USERNAME.matcher(username).matches() ? users.findByUsername(username).orElse(null) : null;
        final boolean passwordMatches = hasher.matches(password, user == null ? null : user.passwordHash());
        if (user == null || !passwordMatches) {
            throw new RequestException("NOT_AUTHENTICATED", 401, "wrong username or password");
        }
        return issue(user);
    }

    /**
     * Trades a live refresh token for new tokens; the old one is revoked. A token presented again
     * after a refresh traded it in, before its expiry, is taken as stolen (refresh token reuse
     * detection; one a logout or a sign-out everywhere revoked is only refused, so that a stale tab
     * after a sign-out does not sign the user out again): its user is signed out everywhere ({@link #signOutEverywhere}), so the thief's rotated copy and
     * access tokens die with the owner's, and the owner logs in again. Within {@link RefreshPolicy#reuseGrace} of its
     * revocation it is only refused: a client retrying a refresh whose answer it lost, or two tabs refreshing at
     * once, must not sign every session out. The rotation and that sign-out are atomic with each other
     * ({@link UserStore#rotateRefreshToken}): a token rotated at the moment of a detected reuse is revoked too, and the
     * access token issued with it carries the epoch the sign-out ended.
     */
    public Tokens refresh(String refreshToken) throws SQLException {
        final String hash = hash(refreshToken);
        final Optional<RefreshToken> found = users.findRefreshToken(hash);
        final Instant now = Instant.now();
        if (found.isPresent() && found.get().revokedByRotation() && now.isBefore(found.get().expiresAt())
            && !now.isBefore(found.get().revokedAt().plus(refreshPolicy.reuseGrace()))) {
            signOutEverywhere(found.get().userId());
            throw new RequestException("NOT_AUTHENTICATED", 401, "this refresh token was used or revoked already; as it"
                + " may have been stolen, every session of this user is now signed out: log in again");
        }
        final long userId = found.filter(t -> t.isValidAt(now)).map(t -> t.userId()).orElse(-1L);
        final User user = userId < 0 ? null : users.findById(userId).orElse(null);
        final String next = tokens.newRefreshToken();
        final OptionalInt epoch = user == null ? OptionalInt.empty()
            : users.rotateRefreshToken(userId, hash, hash(next), now, now.plus(refreshPolicy.ttl()));
        if (epoch.isEmpty()) {
            throw new RequestException("NOT_AUTHENTICATED", 401, "the refresh token is invalid, expired or revoked");
        }
        return tokens(user, next, epoch.getAsInt());
    }

    /**
     * Revokes a refresh token; with {@code everywhere}, signs its user out everywhere ({@link #signOutEverywhere}), even
     * when the token was revoked already (by a rotation a thief made first, say: the case this is for), as long as it
     * has not expired.
     *
     * @return whether it was live (with {@code everywhere}: whether it was known and unexpired)
     */
    public boolean logout(String refreshToken, boolean everywhere) throws SQLException {
        final String hash = hash(refreshToken);
        if (!everywhere) {
            return users.revokeRefreshToken(hash);
        }
        final Optional<RefreshToken> found = users.findRefreshToken(hash);
        if (found.isEmpty() || !Instant.now().isBefore(found.get().expiresAt())) {
            return false;
        }
        signOutEverywhere(found.get().userId());
        return true;
    }

    /**
     * Ends every session of a user: revokes their refresh tokens, refuses the access tokens issued so far (a new session
     * epoch), and closes their WebSocket connections with 4401.
     */
    private void signOutEverywhere(long userId) throws SQLException {
        signOuts.signedOut(userId, users.signOutEverywhere(userId));
    }

    /** Submits a command and waits for the engine; @return the call @throws RequestException BUSY on timeout */
    public static EngineCall await(EngineCall call) {
        try {
            return call.future().get(ENGINE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new RequestException("BUSY", 503, "the exchange did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestException("BUSY", 503, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestException stopped) {
                throw stopped;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Tokens issue(User user) throws SQLException {
        final String refresh = tokens.newRefreshToken();
        final int epoch = users.saveRefreshToken(hash(refresh), user.id(), Instant.now().plus(refreshPolicy.ttl()));
        return tokens(user, refresh, epoch);
    }

    /** @return a new access token for the user in that session epoch, with the refresh token already stored for them */
    private Tokens tokens(User user, String storedRefreshToken, int sessionEpoch) {
        final Role role = user.role() == User.Role.ADMIN ? Role.ADMIN : Role.USER;
        return new Tokens(tokens.issueAccessToken(user.id(), role, sessionEpoch), storedRefreshToken,
            tokens.accessTtlSeconds(), user.id());
    }

    /** @return the hex SHA-256 of a refresh token: the store keeps this, never the token */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
