package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PEERSTATS_JWT_ISSUER}, {@code _AUDIENCE}, {@code _MAX_LIFETIME_MINUTES} and
 * {@code PEERSTATS_JWKS_URL} as the configuration reads them, and what {@code peerstats token}
 * signs (or refuses to) under them.
 */
class TokenSettingsTest {

    private static final String PRODUCTION_SECRET = "a-production-secret-of-at-least-32-bytes";

    @TempDir
    Path dataDir;

    @Test
    void byDefaultNoIssuerOrAudienceAndADayAtMostListedAtStartUp() {
        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of());

        assertEquals(Optional.empty(), config.tokenRules().issuer());
        assertEquals(Duration.ofHours(24), config.tokenRules().maxLifetime());
        assertEquals("(not checked)", config.describe().get("jwt.audience"));
        assertEquals("1440", config.describe().get("jwt.max.lifetime.minutes"));
    }

    @Test
    void aJwksUrlMustBeHttpsAndComeWithIssuerAndAudience() {
        var http = assertThrows(IllegalArgumentException.class, () -> PeerstatsConfig.fromEnvironment(Map.of(
                "PEERSTATS_JWKS_URL", "http://idp.example.org/jwks",
                "PEERSTATS_JWT_ISSUER", "https://idp.example.org", "PEERSTATS_JWT_AUDIENCE", "peerstats")));
        assertTrue(http.getMessage().startsWith("PEERSTATS_JWKS_URL must be an https:// URL"), http.getMessage());

        var bare = assertThrows(IllegalArgumentException.class, () -> PeerstatsConfig.fromEnvironment(Map.of(
                "PEERSTATS_JWKS_URL", "https://idp.example.org/jwks")));
        assertTrue(bare.getMessage().contains("needs PEERSTATS_JWT_ISSUER and PEERSTATS_JWT_AUDIENCE"),
                bare.getMessage());

        var garbage = assertThrows(IllegalArgumentException.class, () -> PeerstatsConfig.fromEnvironment(Map.of(
                "PEERSTATS_JWKS_URL", "not a url")));
        assertEquals("PEERSTATS_JWKS_URL is not a URL: not a url", garbage.getMessage());

        PeerstatsConfig config = PeerstatsConfig.fromEnvironment(Map.of(
                "PEERSTATS_JWKS_URL", "https://idp.example.org/jwks",
                "PEERSTATS_JWT_ISSUER", "https://idp.example.org", "PEERSTATS_JWT_AUDIENCE", "peerstats"));
        assertEquals("https://idp.example.org", config.describe().get("jwt.issuer"));
    }

    @Test
    void aMaximumLifetimeBelowAMinuteIsRefusedNamingTheVariable() {
        var e = assertThrows(IllegalArgumentException.class, () -> PeerstatsConfig.fromEnvironment(Map.of(
                "PEERSTATS_JWT_MAX_LIFETIME_MINUTES", "0")));
        assertEquals("PEERSTATS_JWT_MAX_LIFETIME_MINUTES must be at least 1, not 0", e.getMessage());
    }

    @Test
    void withTheDevelopmentSecretATokenIsPrintedWithoutAFlag() throws Exception {
        JWTClaimsSet claims = claims(token(Map.of(), "--role", "admin", "--org", "org-a"));

        assertEquals("admin", claims.getStringClaim("role"));
        assertEquals(Duration.ofHours(12), lifetime(claims));
    }

    @Test
    void withAProductionSecretAndNoFlagNoTokenIsPrinted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var e = assertThrows(Main.UsageException.class, () -> Main.run(new String[] {"token", "--role", "system"},
                new PrintStream(out, true, StandardCharsets.UTF_8), environment(Map.of(
                        "PEERSTATS_JWT_SECRET", PRODUCTION_SECRET))));

        assertTrue(e.getMessage().startsWith("PEERSTATS_JWT_SECRET is set"), e.getMessage());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withAProductionSecretAndTheFlagTheTokenLivesAnHourAndCarriesIssuerAndAudience() throws Exception {
        Map<String, String> production = Map.of("PEERSTATS_JWT_SECRET", PRODUCTION_SECRET,
                "PEERSTATS_JWT_ISSUER", "peerstats-ops", "PEERSTATS_JWT_AUDIENCE", "peerstats");
        JWTClaimsSet claims = claims(token(production, "--role", "system", "--production-secret"));

        assertEquals(Duration.ofHours(1), lifetime(claims));
        assertEquals("peerstats-ops", claims.getIssuer());
        assertEquals(List.of("peerstats"), claims.getAudience());

        var tooLong = assertThrows(Main.UsageException.class,
                () -> token(production, "--role", "system", "--production-secret", "--hours", "25"));
        assertEquals("--hours 25 is longer than the maximum token lifetime of 1440 min "
                + "(PEERSTATS_JWT_MAX_LIFETIME_MINUTES)", tooLong.getMessage());
    }

    @Test
    void inJwksModeNoTokenIsSigned() {
        var e = assertThrows(Main.UsageException.class, () -> token(Map.of(
                "PEERSTATS_JWKS_URL", "https://idp.example.org/jwks",
                "PEERSTATS_JWT_ISSUER", "https://idp.example.org", "PEERSTATS_JWT_AUDIENCE", "peerstats"),
                "--role", "system"));
        assertTrue(e.getMessage().contains("PEERSTATS_JWKS_URL only"), e.getMessage());
    }

    private String token(Map<String, String> settings, String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "token";
        System.arraycopy(options, 0, args, 1, options.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), environment(settings)));
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("PEERSTATS_DATA_DIR", dataDir.toString());
        return environment;
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private static Duration lifetime(JWTClaimsSet claims) {
        return Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
    }
}
