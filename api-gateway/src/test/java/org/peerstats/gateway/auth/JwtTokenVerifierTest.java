package org.peerstats.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.peerstats.gateway.auth.TestTokens.CLOCK;
import static org.peerstats.gateway.auth.TestTokens.NOW;
import static org.peerstats.gateway.auth.TestTokens.OTHER_SECRET;
import static org.peerstats.gateway.auth.TestTokens.SECRET;
import static org.peerstats.gateway.auth.TestTokens.clockAt;
import static org.peerstats.gateway.auth.TestTokens.hs256;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.time.Duration;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtTokenVerifierTest {

    private final TokenIssuer issuer = new TokenIssuer(SECRET, CLOCK);
    private final TokenVerifier verifier = JwtTokenVerifier.hs256(SECRET, CLOCK);

    /** Valid claims for a coordinator, to be changed one at a time. */
    private static JWTClaimsSet.Builder coordinatorClaims() {
        return new JWTClaimsSet.Builder()
                .subject("coord-1")
                .claim("role", "coordinator")
                .claim("organisation_id", "org-a")
                .expirationTime(Date.from(NOW.plus(Duration.ofHours(1))));
    }

    private AuthenticationException rejection(String token) {
        return assertThrows(AuthenticationException.class, () -> verifier.verify(token));
    }

    @Test
    void issuedTokenVerifiesToTheSamePrincipal() {
        var principal = new Principal("user-7", Role.PEER_MENTOR, "org-a", "pm-7");

        assertEquals(principal, verifier.verify(issuer.issue(principal)));
    }

    @Test
    void issuedTokenWithoutOptionalIdsVerifiesToTheSamePrincipal() {
        var principal = new Principal("admin-1", Role.ADMIN, null, null);

        assertEquals(principal, verifier.verify(issuer.issue(principal)));
    }

    @Test
    void handMadeTokenWithAllClaimsVerifies() throws Exception {
        var principal = verifier.verify(hs256(SECRET, coordinatorClaims().build()));

        assertEquals(new Principal("coord-1", Role.COORDINATOR, "org-a", null), principal);
    }

    @Test
    void expiredTokenIsRejected() {
        var token = issuer.issue(new Principal("admin-1", Role.ADMIN, null, null), Duration.ofHours(1));
        var later = JwtTokenVerifier.hs256(SECRET, clockAt(NOW.plus(Duration.ofHours(2))));

        var e = assertThrows(AuthenticationException.class, () -> later.verify(token));
        assertEquals("token expired", e.getMessage());
    }

    @Test
    void tokenJustPastExpiryIsAcceptedWithinTheClockSkew() {
        var principal = new Principal("admin-1", Role.ADMIN, null, null);
        var token = issuer.issue(principal, Duration.ofHours(1));
        var justPast = NOW.plus(Duration.ofHours(1)).plus(JwtTokenVerifier.CLOCK_SKEW).minusSeconds(1);

        assertEquals(principal, JwtTokenVerifier.hs256(SECRET, clockAt(justPast)).verify(token));
    }

    @Test
    void tokenPastExpiryByTheClockSkewIsRejected() {
        var token = issuer.issue(new Principal("admin-1", Role.ADMIN, null, null), Duration.ofHours(1));
        var atLimit = NOW.plus(Duration.ofHours(1)).plus(JwtTokenVerifier.CLOCK_SKEW);

        var e = assertThrows(AuthenticationException.class,
                () -> JwtTokenVerifier.hs256(SECRET, clockAt(atLimit)).verify(token));
        assertEquals("token expired", e.getMessage());
    }

    @Test
    void tokenWithoutExpiryIsRejected() throws Exception {
        var token = hs256(SECRET, coordinatorClaims().expirationTime(null).build());

        assertEquals("missing claim exp", rejection(token).getMessage());
    }

    @Test
    void tokenNotYetValidIsRejected() throws Exception {
        var notBefore = NOW.plus(JwtTokenVerifier.CLOCK_SKEW).plusSeconds(1);
        var token = hs256(SECRET, coordinatorClaims().notBeforeTime(Date.from(notBefore)).build());

        assertEquals("token not yet valid", rejection(token).getMessage());
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        var token = new TokenIssuer(OTHER_SECRET, CLOCK).issue(new Principal("admin-1", Role.ADMIN, null, null));

        assertEquals("invalid signature", rejection(token).getMessage());
    }

    @Test
    void tokenWithTamperedClaimsIsRejected() throws Exception {
        var signed = hs256(SECRET, coordinatorClaims().build()).split("\\.");
        var forgedClaims = hs256(SECRET, coordinatorClaims().claim("role", "admin").build()).split("\\.")[1];

        assertEquals("invalid signature", rejection(signed[0] + "." + forgedClaims + "." + signed[2]).getMessage());
    }

    @Test
    void unsignedTokenIsRejected() {
        var token = new PlainJWT(coordinatorClaims().build()).serialize();

        assertEquals("unsupported algorithm or unknown key", rejection(token).getMessage());
    }

    @Test
    void tokenWithUnknownRoleIsRejected() throws Exception {
        var token = hs256(SECRET, coordinatorClaims().claim("role", "superuser").build());

        assertEquals("unknown role", rejection(token).getMessage());
    }

    @Test
    void tokenWithNonTextRoleIsRejected() throws Exception {
        var token = hs256(SECRET, coordinatorClaims().claim("role", 1).build());

        assertEquals("invalid claim role", rejection(token).getMessage());
    }

    @Test
    void tokenWithoutRoleIsRejected() throws Exception {
        var token = hs256(SECRET, coordinatorClaims().claim("role", null).build());

        assertEquals("missing claim role", rejection(token).getMessage());
    }

    @Test
    void tokenWithoutSubjectIsRejected() throws Exception {
        var token = hs256(SECRET, coordinatorClaims().subject(null).build());

        assertEquals("missing claim sub", rejection(token).getMessage());
    }

    @Test
    void peerMentorTokenWithoutPeerMentorIdIsRejected() throws Exception {
        var token = hs256(SECRET, coordinatorClaims().claim("role", "peer_mentor").build());

        assertEquals("missing claim peer_mentor_id", rejection(token).getMessage());
    }

    @Test
    void blankOrganisationIdIsRejectedRatherThanReadAsNone() throws Exception {
        var token = hs256(SECRET, coordinatorClaims().claim("role", "admin").claim("organisation_id", " ").build());

        assertEquals("invalid claim organisation_id", rejection(token).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30", "Bearer x.y.z"})
    void garbageIsRejectedAsMalformed(String token) {
        assertEquals("malformed token", rejection(token).getMessage());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void missingTokenIsRejected(String token) {
        assertEquals("missing token", rejection(token).getMessage());
    }

    @Test
    void shortSecretIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> JwtTokenVerifier.hs256(new byte[31], CLOCK));
        assertEquals("an HS256 secret must be at least 32 bytes, got 31", e.getMessage());
    }
}
