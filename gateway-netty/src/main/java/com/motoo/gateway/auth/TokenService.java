package com.motoo.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.agrona.concurrent.EpochClock;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;

/**
 * Issues and verifies access tokens: HS256 JWTs (nimbus-jose-jwt) carrying the user id as
 * {@code sub}, the role, an expiry and the user's session epoch ({@link SignOuts}). Also makes opaque refresh tokens
 * (random, stored hashed by {@link com.motoo.persister.user.UserStore}). Thread-safe; every call allocates.
 */
public final class TokenService {
    private static final String ISSUER = "motoo";
    private static final String ROLE_CLAIM = "role";
    private static final String SESSION_EPOCH_CLAIM = "sep";

    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final Duration accessTtl;
    private final EpochClock clock;
    private final SignOuts signOuts;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret the HMAC key, at least 32 bytes
     * @param accessTtl how long an access token lives
     * @param clock the time source (tests drive it by hand)
     * @param signOuts the users signed out everywhere, whose older tokens are refused
     */
    public TokenService(byte[] secret, Duration accessTtl, EpochClock clock, SignOuts signOuts) {
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT secret is not usable: " + e.getMessage(), e);
        }
        this.accessTtl = accessTtl;
        this.clock = clock;
        this.signOuts = signOuts;
    }

    /** @return the access token lifetime in seconds */
    public long accessTtlSeconds() {
        return accessTtl.toSeconds();
    }

    /**
     * @param sessionEpoch the user's session epoch the token belongs to, as the login or the refresh that stored its
     *        refresh token read it with the user's row held
     * @return a signed access token for the user
     */
    public String issueAccessToken(long userId, Role role, int sessionEpoch) {
        final long now = clock.time();
        final JWTClaimsSet claims = new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(Long.toString(userId))
            .claim(ROLE_CLAIM, role.name())
            .claim(SESSION_EPOCH_CLAIM, sessionEpoch)
            .issueTime(new Date(now))
            .expirationTime(new Date(now + accessTtl.toMillis()))
            .build();
        final SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a JWT failed", e);
        }
        return jwt.serialize();
    }

    /**
     * Verifies signature, issuer, algorithm, expiry and session epoch (a token issued before its user was signed out
     * everywhere is refused; a token without the claim counts as epoch 0).
     *
     * @return the principal, or null when the token is malformed, forged, expired or signed out
     */
    public Principal verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return null;
        }
        try {
            final SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return null;
            }
            final JWTClaimsSet claims = jwt.getJWTClaimsSet();
            final Date expiry = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || expiry == null || expiry.getTime() <= clock.time()) {
                return null;
            }
            final long userId = Long.parseLong(claims.getSubject());
            final Role role = Role.valueOf(claims.getStringClaim(ROLE_CLAIM));
            final Long epoch = claims.getLongClaim(SESSION_EPOCH_CLAIM);
            final Principal principal = new Principal(userId, role, expiry.getTime(), epoch == null ? 0 : epoch.intValue());
            return isSignedOut(principal) ? null : principal;
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    /** @return whether the principal's user was signed out everywhere after its token was issued */
    public boolean isSignedOut(Principal principal) {
        return principal.sessionEpoch() < signOuts.epochOf(principal.userId());
    }

    /** @return a new random refresh token (256 bits, URL-safe base64) */
    public String newRefreshToken() {
        final byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
