package org.peerstats.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.peerstats.gateway.auth.TestTokens.CLOCK;
import static org.peerstats.gateway.auth.TestTokens.NOW;
import static org.peerstats.gateway.auth.TestTokens.SECRET;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    private final TokenIssuer issuer = new TokenIssuer(SECRET, CLOCK);

    @Test
    void tokenIsHs256AndLastsTwelveHoursByDefault() throws Exception {
        var jwt = SignedJWT.parse(issuer.issue(new Principal("coord-1", Role.COORDINATOR, "org-a", null)));

        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertEquals(NOW, jwt.getJWTClaimsSet().getIssueTime().toInstant());
        assertEquals(NOW.plus(Duration.ofHours(12)), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
    }

    @Test
    void tokenCarriesTheClaimsOfTheContract() throws Exception {
        var claims = SignedJWT.parse(issuer.issue(new Principal("user-7", Role.PEER_MENTOR, "org-a", "pm-7")))
                .getJWTClaimsSet();

        assertEquals("user-7", claims.getSubject());
        assertEquals("peer_mentor", claims.getStringClaim("role"));
        assertEquals("org-a", claims.getStringClaim("organisation_id"));
        assertEquals("pm-7", claims.getStringClaim("peer_mentor_id"));
    }

    @Test
    void absentIdsAreLeftOutOfTheToken() throws Exception {
        var payload = SignedJWT.parse(issuer.issue(new Principal("admin-1", Role.ADMIN, null, null)))
                .getPayload().toJSONObject();

        assertFalse(payload.containsKey("organisation_id"));
        assertFalse(payload.containsKey("peer_mentor_id"));
    }

    @Test
    void givenLifetimeSetsTheExpiry() throws Exception {
        var jwt = SignedJWT.parse(issuer.issue(new Principal("admin-1", Role.ADMIN, null, null), Duration.ofMinutes(5)));

        assertEquals(NOW.plus(Duration.ofMinutes(5)), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
    }

    @Test
    void nonPositiveLifetimeIsRefused() {
        var admin = new Principal("admin-1", Role.ADMIN, null, null);

        var e = assertThrows(IllegalArgumentException.class, () -> issuer.issue(admin, Duration.ZERO));
        assertEquals("token lifetime must be positive, got PT0S", e.getMessage());
    }

    @Test
    void shortSecretIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TokenIssuer(new byte[16], CLOCK));
        assertEquals("an HS256 secret must be at least 32 bytes, got 16", e.getMessage());
    }
}
