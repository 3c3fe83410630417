package org.peerstats.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Function;

/**
 * Remembers the tokens that passed {@link JwtTokenVerifier}, so that a client sending the same
 * bearer token on every request pays for its signature and claims once. Checking an HS256 token
 * was about a third of the server's CPU on {@code GET /api/v1/peer-mentor-stats/:id}.
 *
 * <ul>
 *   <li>A remembered token is served only while it would still pass: until its {@code exp} plus
 *       the verifier's clock skew, on the injected clock. After that it is verified again, which
 *       rejects it.</li>
 *   <li>Only tokens that passed are remembered; a rejected token is checked in full every time.
 *       A token not valid yet ({@code nbf}) is rejected, so it is not remembered either.</li>
 *   <li>At most {@code maximumSize} tokens (Caffeine's size-bounded eviction); keyed by a SHA-256
 *       digest of the token, so the cache neither holds the tokens nor compares them byte by byte.</li>
 *   <li>As with plain JWT checking, a token cannot be revoked before its {@code exp}: a signing key
 *       that is rotated away stops new tokens, while remembered ones run until they expire.</li>
 * </ul>
 */
public final class CachingTokenVerifier implements TokenVerifier {

    private final Function<String, JwtTokenVerifier.Verified> verifier;
    private final Clock clock;
    private final Cache<String, JwtTokenVerifier.Verified> verified;

    /** @param verifier checks a token in full, e.g. {@link JwtTokenVerifier#verifyWithLifetime} */
    public CachingTokenVerifier(Function<String, JwtTokenVerifier.Verified> verifier, long maximumSize, Clock clock) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("a token cache holds at least one token, not " + maximumSize);
        }
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** The verifier itself when {@code maximumSize} is 0, else a cache of that size around it. */
    public static TokenVerifier around(JwtTokenVerifier verifier, long maximumSize, Clock clock) {
        return maximumSize == 0 ? verifier
                : new CachingTokenVerifier(verifier::verifyWithLifetime, maximumSize, clock);
    }

    @Override
    public Principal verify(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return verifier.apply(bearerToken).principal();
        }
        String key = digest(bearerToken.strip());
        JwtTokenVerifier.Verified known = verified.getIfPresent(key);
        if (known != null && clock.instant().isBefore(known.validUntil())) {
            return known.principal();
        }
        JwtTokenVerifier.Verified fresh = verifier.apply(bearerToken);
        verified.put(key, fresh);
        return fresh.principal();
    }

    /** How many tokens are remembered now (for tests and metrics; approximate under eviction). */
    public long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
