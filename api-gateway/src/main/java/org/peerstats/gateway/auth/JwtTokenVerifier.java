package org.peerstats.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies signed JWTs with nimbus-jose-jwt. The two variants differ only in where the
 * verification keys come from: {@link #hs256 a shared secret} (the default) or
 * {@link #jwks a JWKS URL} (RS256 / ES256).
 *
 * <p>nimbus checks the signature; lifetime and claims are checked here against the injected
 * clock, allowing {@link #CLOCK_SKEW} either way. {@code exp} is required, {@code nbf} honoured
 * when present.
 */
public final class JwtTokenVerifier implements TokenVerifier {

    /** How far the issuer's clock may be off from ours. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final Clock clock;

    private JwtTokenVerifier(JWSKeySelector<SecurityContext> keySelector, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.processor = new DefaultJWTProcessor<>();
        this.processor.setJWSKeySelector(keySelector);
        // nimbus's claims verifier reads the system clock; ours (verify) reads the injected one.
        this.processor.setJWTClaimsSetVerifier(null);
    }

    /** Accepts HS256 tokens signed with {@code secret} (at least 32 bytes). */
    public static JwtTokenVerifier hs256(byte[] secret, Clock clock) {
        SecretKeySpec key = new SecretKeySpec(JwtSecrets.requireHs256Length(secret), "HmacSHA256");
        return new JwtTokenVerifier(new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256, key), clock);
    }

    /**
     * Accepts RS256 and ES256 tokens signed with a key published at {@code jwksUrl}. The key set
     * is fetched on first use and cached (nimbus's defaults: five minutes, refreshed ahead,
     * rate-limited), and refetched when a token names an unknown key id.
     */
    public static JwtTokenVerifier jwks(URL jwksUrl, Clock clock) {
        var keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl).retrying(true).build();
        var selector = new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys);
        return new JwtTokenVerifier(selector, clock);
    }

    /**
     * A principal proven by a token, and the instant from which that token no longer passes
     * ({@code exp} plus {@link #CLOCK_SKEW}).
     */
    public record Verified(Principal principal, Instant validUntil) {
    }

    @Override
    public Principal verify(String bearerToken) {
        return verifyWithLifetime(bearerToken).principal();
    }

    /** {@link #verify}, also saying until when the token is good. */
    public Verified verifyWithLifetime(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new AuthenticationException("missing token");
        }
        JWTClaimsSet claims = verifiedClaims(bearerToken.strip());
        Instant validUntil = checkLifetime(claims);
        return new Verified(PrincipalClaims.fromClaims(claims), validUntil);
    }

    private JWTClaimsSet verifiedClaims(String token) {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw new AuthenticationException("malformed token");
        } catch (BadJWSException e) {
            throw new AuthenticationException("invalid signature");
        } catch (BadJOSEException e) {
            throw new AuthenticationException("unsupported algorithm or unknown key");
        } catch (KeySourceException e) {
            throw new VerificationUnavailableException("signing keys unavailable", e);
        } catch (JOSEException e) {
            throw new AuthenticationException("invalid signature");
        }
    }

    /** @return the instant from which the token no longer passes */
    private Instant checkLifetime(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date expiresAt = claims.getExpirationTime();
        if (expiresAt == null) {
            throw new AuthenticationException("missing claim exp");
        }
        Instant validUntil = expiresAt.toInstant().plus(CLOCK_SKEW);
        if (!now.isBefore(validUntil)) {
            throw new AuthenticationException("token expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(CLOCK_SKEW))) {
            throw new AuthenticationException("token not yet valid");
        }
        return validUntil;
    }
}
