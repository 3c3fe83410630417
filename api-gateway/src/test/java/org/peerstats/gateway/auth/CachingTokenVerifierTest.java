package org.peerstats.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.gateway.auth.TestTokens.NOW;
import static org.peerstats.gateway.auth.TestTokens.SECRET;
import static org.peerstats.gateway.auth.TestTokens.hs256;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.peerstats.gateway.MutableClock;

class CachingTokenVerifierTest {

    private static final Principal KARI = new Principal("pm-kari", Role.PEER_MENTOR, "org-a", "pm-kari-001");

    private final MutableClock clock = new MutableClock(NOW);
    private final JwtTokenVerifier jwt = JwtTokenVerifier.hs256(SECRET, clock);
    private final AtomicInteger fullChecks = new AtomicInteger();
    private final CachingTokenVerifier verifier = new CachingTokenVerifier(token -> {
        fullChecks.incrementAndGet();
        return jwt.verifyWithLifetime(token);
    }, 3, clock);

    @Test
    void aTokenIsCheckedInFullOnceAndThenServedFromTheCache() throws Exception {
        String token = tokenFor(KARI, Duration.ofHours(1));

        for (int i = 0; i < 5; i++) {
            assertEquals(KARI, verifier.verify(token));
        }
        assertEquals(KARI, verifier.verify("  " + token + " "));

        assertEquals(1, fullChecks.get());
        assertEquals(1, verifier.size());
    }

    @Test
    void aRememberedTokenStopsPassingWhenItExpiresPlusTheClockSkew() throws Exception {
        String token = tokenFor(KARI, Duration.ofMinutes(5));
        assertEquals(KARI, verifier.verify(token));

        clock.advance(Duration.ofMinutes(5).plus(JwtTokenVerifier.CLOCK_SKEW).minusSeconds(1));
        assertEquals(KARI, verifier.verify(token));
        assertEquals(1, fullChecks.get());

        clock.advance(Duration.ofSeconds(1));
        assertEquals("token expired",
                assertThrows(AuthenticationException.class, () -> verifier.verify(token)).getMessage());
        assertEquals(2, fullChecks.get());
    }

    @Test
    void rejectedTokensAreCheckedInFullEveryTimeAndNeverRemembered() throws Exception {
        String notYetValid = hs256(SECRET, claims(KARI, Duration.ofHours(1))
                .notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(10)))).build());

        for (int i = 0; i < 3; i++) {
            assertEquals("token not yet valid",
                    assertThrows(AuthenticationException.class, () -> verifier.verify(notYetValid)).getMessage());
            assertEquals("invalid signature", assertThrows(AuthenticationException.class,
                    () -> verifier.verify(tokenFor(KARI, Duration.ofHours(1)) + "x")).getMessage());
        }
        assertEquals("missing token",
                assertThrows(AuthenticationException.class, () -> verifier.verify(" ")).getMessage());

        assertEquals(7, fullChecks.get());
        assertEquals(0, verifier.size());
    }

    @Test
    void theCacheHoldsAtMostItsSize() throws Exception {
        for (int i = 0; i < 20; i++) {
            Principal mentor = new Principal("pm-" + i, Role.PEER_MENTOR, "org-a", "pm-" + i);
            assertEquals(mentor, verifier.verify(tokenFor(mentor, Duration.ofHours(1))));
        }

        assertEquals(20, fullChecks.get());
        assertEquals(3, verifier.size());
    }

    @Test
    void concurrentCallersEachGetTheirOwnPrincipal() throws Exception {
        CachingTokenVerifier shared = new CachingTokenVerifier(jwt::verifyWithLifetime, 100, clock);
        List<Principal> mentors = IntStream.range(0, 32)
                .mapToObj(i -> new Principal("pm-" + i, Role.PEER_MENTOR, "org-a", "pm-" + i)).toList();
        List<String> tokens = mentors.stream().map(m -> tokenFor(m, Duration.ofHours(1))).toList();
        ExecutorService threads = Executors.newFixedThreadPool(32);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int mine = t;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (!shared.verify(tokens.get(mine)).equals(mentors.get(mine))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(32, shared.size());
    }

    @Test
    void aSizeOfZeroMeansTheVerifierItselfAndANegativeSizeIsRefused() {
        assertEquals(jwt, CachingTokenVerifier.around(jwt, 0, clock));
        assertEquals(CachingTokenVerifier.class, CachingTokenVerifier.around(jwt, 10, clock).getClass());
        assertThrows(IllegalArgumentException.class, () -> new CachingTokenVerifier(jwt::verifyWithLifetime, -1, clock));
    }

    private String tokenFor(Principal principal, Duration lifetime) {
        return new TokenIssuer(SECRET, clock).issue(principal, lifetime);
    }

    private JWTClaimsSet.Builder claims(Principal principal, Duration lifetime) {
        return PrincipalClaims.toClaims(principal).expirationTime(Date.from(clock.instant().plus(lifetime)));
    }
}
