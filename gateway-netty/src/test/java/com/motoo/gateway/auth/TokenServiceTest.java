package com.motoo.gateway.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Access tokens: issued, verified, expired by a hand-driven clock, forged, tampered, unsigned. */
@Timeout(10)
class TokenServiceTest {
    private static final byte[] SECRET = "a-test-secret-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final List<Long> ended = new ArrayList<>();
    private final SignOuts signOuts = new SignOuts(ended::add);
    private final TokenService tokens = new TokenService(SECRET, Duration.ofMinutes(15), now::get, signOuts);

    @Test
    void shouldVerifyWhatItIssuedUntilItExpires() {
        final String token = tokens.issueAccessToken(7, Role.ADMIN, 0);
        final Principal principal = tokens.verify(token);
        assertEquals(7, principal.userId());
        assertEquals(Role.ADMIN, principal.role());
        assertEquals(now.get() + 900_000, principal.expiresAtMillis());
        now.addAndGet(899_999);
        assertEquals(7, tokens.verify(token).userId());
        now.addAndGet(1);
        assertNull(tokens.verify(token), "expired at the expiry instant");
    }

    @Test
    void shouldRefuseForgedTamperedAndUnsignedTokens() {
        final String token = tokens.issueAccessToken(7, Role.USER, 0);
        final TokenService other = new TokenService("another-secret-that-is-long-enough-98765".getBytes(StandardCharsets.UTF_8),
            Duration.ofMinutes(15), now::get, new SignOuts(user -> { }));
        assertNull(tokens.verify(other.issueAccessToken(7, Role.USER, 0)), "signed with another key");

        final String[] parts = token.split("\\.");
        final String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"USER\"", "\"ADMIN\"");
        final String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertNull(tokens.verify(tampered), "a role changed after signing");

        final String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertNull(tokens.verify(none + "." + parts[1] + "."), "alg none");
        assertNull(tokens.verify("not a token"));
        assertNull(tokens.verify(""));
        assertNull(tokens.verify(null));
    }

    @Test
    void shouldRefuseTheTokensOfASessionEpochItsUserWasSignedOutOf() {
        signOuts.load(8, 2);
        final String before = tokens.issueAccessToken(7, Role.USER, 0);
        final String other = tokens.issueAccessToken(8, Role.USER, 2);
        assertEquals(0, tokens.verify(before).sessionEpoch());
        signOuts.signedOut(7, 1);
        assertEquals(List.of(7L), ended, "the user's connections are ended");
        assertNull(tokens.verify(before), "issued in epoch 0, before the sign-out");
        assertEquals(1, tokens.verify(tokens.issueAccessToken(7, Role.USER, 1)).sessionEpoch(), "issued after it");
        assertEquals(8, tokens.verify(other).userId(), "another user's tokens are untouched");
        signOuts.load(7, 0);
        assertNull(tokens.verify(before), "an epoch never goes back");
    }

    @Test
    void shouldMakeUnguessableRefreshTokens() {
        final String first = tokens.newRefreshToken();
        assertEquals(43, first.length(), "256 bits in unpadded base64url");
        assertNotEquals(first, tokens.newRefreshToken());
    }
}
