package org.peerstats.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.gateway.auth.TestTokens.CLOCK;
import static org.peerstats.gateway.auth.TestTokens.NOW;
import static org.peerstats.gateway.auth.TestTokens.SECRET;
import static org.peerstats.gateway.auth.TestTokens.hs256;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issuer, audience and the longest lifetime: what a token must say besides its signature. */
class TokenRulesTest {

    private static final String ISSUER = "https://idp.example.org/realms/peers";
    private static final String AUDIENCE = "peerstats";
    private static final TokenRules RULES = new TokenRules(Optional.of(ISSUER), Optional.of(AUDIENCE),
            Duration.ofHours(2));
    private final TokenVerifier verifier = JwtTokenVerifier.hs256(SECRET, RULES, CLOCK);

    /** Claims that keep {@link #RULES}, to be changed one at a time. */
    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .subject("coord-1")
                .claim("role", "coordinator")
                .claim("organisation_id", "org-a")
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))));
    }

    private String rejection(JWTClaimsSet claims) throws Exception {
        String token = hs256(SECRET, claims);
        return assertThrows(AuthenticationException.class, () -> verifier.verify(token)).getMessage();
    }

    @Test
    void aTokenThatKeepsTheRulesVerifies() throws Exception {
        assertEquals(new Principal("coord-1", Role.COORDINATOR, "org-a", null),
                verifier.verify(hs256(SECRET, claims().build())));
    }

    @Test
    void anotherIssuerOrNoneIsRefused() throws Exception {
        assertEquals("wrong issuer", rejection(claims().issuer("https://idp.example.org/realms/other").build()));
        assertEquals("missing claim iss", rejection(claims().issuer(null).build()));
    }

    @Test
    void anAudienceThatDoesNotNameThisServiceOrNoneIsRefused() throws Exception {
        assertEquals("wrong audience", rejection(claims().audience("another-client").build()));
        assertEquals("wrong audience", rejection(claims().audience(List.of("a", "b")).build()));
        assertEquals("missing claim aud", rejection(claims().audience((String) null).build()));
    }

    @Test
    void anAudienceListThatNamesThisServiceAmongOthersVerifies() throws Exception {
        String token = hs256(SECRET, claims().audience(List.of("account", AUDIENCE)).build());

        assertEquals("coord-1", verifier.verify(token).subject());
    }

    @Test
    void aTokenIssuedForLongerThanTheMaximumIsRefusedEvenWhileYoung() throws Exception {
        JWTClaimsSet threeHours = claims().expirationTime(Date.from(NOW.plus(Duration.ofHours(3)))).build();
        JWTClaimsSet exactlyTwo = claims().expirationTime(Date.from(NOW.plus(Duration.ofHours(2)))).build();

        assertEquals("token lifetime longer than the maximum of 120 min", rejection(threeHours));
        assertEquals("coord-1", verifier.verify(hs256(SECRET, exactlyTwo)).subject());
    }

    @Test
    void withoutIatOrWithALateOneTheExpiryMayNotLieFurtherAheadThanTheMaximum() throws Exception {
        Instant farAhead = NOW.plus(Duration.ofDays(365));
        assertEquals("token lifetime longer than the maximum of 120 min",
                rejection(claims().issueTime(null).expirationTime(Date.from(farAhead)).build()));
        assertEquals("token lifetime longer than the maximum of 120 min",
                rejection(claims().issueTime(Date.from(farAhead.minus(Duration.ofHours(1))))
                        .expirationTime(Date.from(farAhead)).build()));
        assertEquals("coord-1", verifier.verify(hs256(SECRET, claims().issueTime(null).build())).subject());
    }

    @Test
    void withoutIssuerAndAudienceConfiguredNeitherIsChecked() throws Exception {
        TokenVerifier development = JwtTokenVerifier.hs256(SECRET, TokenRules.DEVELOPMENT, CLOCK);

        String token = hs256(SECRET, claims().issuer("anyone").audience((String) null).build());
        assertEquals("coord-1", development.verify(token).subject());
    }

    @Test
    void theIssuerWritesTheRulesIntoItsTokensAndRefusesALongerLifetime() throws Exception {
        TokenIssuer issuer = new TokenIssuer(SECRET, RULES, CLOCK);
        Principal admin = new Principal("admin-1", Role.ADMIN, "org-a", null);

        SignedJWT jwt = SignedJWT.parse(issuer.issue(admin, Duration.ofHours(2)));
        assertEquals(ISSUER, jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of(AUDIENCE), jwt.getJWTClaimsSet().getAudience());
        assertEquals(admin, verifier.verify(jwt.serialize()));
        var e = assertThrows(IllegalArgumentException.class, () -> issuer.issue(admin, Duration.ofMinutes(121)));
        assertTrue(e.getMessage().contains("longer than the maximum of 120 min"), e.getMessage());
    }

    @Test
    void aJwksUrlNeedsIssuerAndAudienceAndHttps() throws Exception {
        var url = java.net.URI.create("https://idp.example.org/jwks").toURL();
        var plain = java.net.URI.create("http://idp.example.org/jwks").toURL();

        var noIssuer = assertThrows(IllegalArgumentException.class,
                () -> JwtTokenVerifier.jwks(url, new TokenRules(Optional.empty(), Optional.of(AUDIENCE),
                        TokenRules.DEFAULT_MAX_LIFETIME), CLOCK));
        assertTrue(noIssuer.getMessage().startsWith("PEERSTATS_JWKS_URL needs PEERSTATS_JWT_ISSUER and "
                + "PEERSTATS_JWT_AUDIENCE"), noIssuer.getMessage());
        var http = assertThrows(IllegalArgumentException.class, () -> JwtTokenVerifier.jwks(plain, RULES, CLOCK));
        assertTrue(http.getMessage().startsWith("PEERSTATS_JWKS_URL must be an https:// URL"), http.getMessage());
    }

    @Test
    void aLifetimeThatIsNotPositiveIsNoRule() {
        assertThrows(IllegalArgumentException.class,
                () -> new TokenRules(Optional.empty(), Optional.empty(), Duration.ZERO));
    }
}
