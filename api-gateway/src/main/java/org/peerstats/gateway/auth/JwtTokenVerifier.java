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
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Verifies signed JWTs with nimbus-jose-jwt. The two variants differ only in where the
 * verification keys come from: {@link #hs256 a shared secret} (the default) or
 * {@link #jwks a JWKS URL} (RS256 / ES256).
 *
 * <p>nimbus checks the signature; lifetime and claims are checked here against the injected
 * clock, allowing {@link #CLOCK_SKEW} either way. {@code exp} is required, {@code nbf} honoured
 * when present; {@code iss}, {@code aud} and the longest lifetime as the {@link TokenRules} say.
 */
public final class JwtTokenVerifier implements TokenVerifier {

    /** How far the issuer's clock may be off from ours. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final TokenRules rules;
    private final Clock clock;

    private JwtTokenVerifier(JWSKeySelector<SecurityContext> keySelector, TokenRules rules, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.processor = new DefaultJWTProcessor<>();
        this.processor.setJWSKeySelector(keySelector);
        // nimbus's claims verifier reads the system clock; ours (verify) reads the injected one.
        this.processor.setJWTClaimsSetVerifier(null);
    }

    /** Accepts HS256 tokens signed with {@code secret} (at least 32 bytes), by {@link TokenRules#DEVELOPMENT}. */
    public static JwtTokenVerifier hs256(byte[] secret, Clock clock) {
        return hs256(secret, TokenRules.DEVELOPMENT, clock);
    }

    /** Accepts HS256 tokens signed with {@code secret} (at least 32 bytes) that keep {@code rules}. */
    public static JwtTokenVerifier hs256(byte[] secret, TokenRules rules, Clock clock) {
        SecretKeySpec key = new SecretKeySpec(JwtSecrets.requireHs256Length(secret), "HmacSHA256");
        return new JwtTokenVerifier(new SingleKeyJWSKeySelector<>(JWSAlgorithm.HS256, key), rules, clock);
    }

    /**
     * Accepts RS256 and ES256 tokens signed with a key published at {@code jwksUrl} ({@code https}
     * only, checked against the JVM's trusted certificates) that keep {@code rules}, which must
     * name the issuer and the audience. The key set is fetched on first use and cached (nimbus's
     * defaults: five minutes, refreshed ahead, rate-limited), and refetched when a token names an
     * unknown key id.
     */
    public static JwtTokenVerifier jwks(URL jwksUrl, TokenRules rules, Clock clock) {
        return jwks(jwksUrl, rules, clock, HttpsURLConnection.getDefaultSSLSocketFactory());
    }

    /** {@link #jwks(URL, TokenRules, Clock)} with the TLS connections made by {@code tls}. */
    public static JwtTokenVerifier jwks(URL jwksUrl, TokenRules rules, Clock clock, SSLSocketFactory tls) {
        requireHttps(jwksUrl);
        rules.requireIssuerAndAudience("PEERSTATS_JWKS_URL");
        var retriever = new DefaultResourceRetriever(JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
                JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT,
                true, tls);
        var keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl, retriever).retrying(true).build();
        var selector = new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys);
        return new JwtTokenVerifier(selector, rules, clock);
    }

    /**
     * Refuses a JWKS URL that is not {@code https}: whoever can change the key set on its way can
     * sign any token.
     */
    public static URL requireHttps(URL jwksUrl) {
        if (!"https".equalsIgnoreCase(jwksUrl.getProtocol())) {
            throw new IllegalArgumentException("PEERSTATS_JWKS_URL must be an https:// URL (whoever can change the "
                    + "key set on its way can sign any token), not " + jwksUrl);
        }
        return jwksUrl;
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
        checkIssuerAndAudience(claims);
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
        Duration longest = rules.maxLifetime();
        Date issuedAt = claims.getIssueTime();
        boolean issuedForTooLong = issuedAt != null
                && Duration.between(issuedAt.toInstant(), expiresAt.toInstant()).compareTo(longest) > 0;
        // without iat, or with one set in the future, exp itself must not be further ahead than that
        boolean expiresTooLate = expiresAt.toInstant().isAfter(now.plus(longest).plus(CLOCK_SKEW));
        if (issuedForTooLong || expiresTooLate) {
            throw new AuthenticationException("token lifetime longer than the maximum of " + minutes(longest));
        }
        return validUntil;
    }

    private void checkIssuerAndAudience(JWTClaimsSet claims) {
        if (rules.issuer().isPresent() && !rules.issuer().get().equals(claims.getIssuer())) {
            throw new AuthenticationException(claims.getIssuer() == null ? "missing claim iss" : "wrong issuer");
        }
        if (rules.audience().isPresent()) {
            List<String> audience = claims.getAudience();
            if (audience.isEmpty()) {
                throw new AuthenticationException("missing claim aud");
            }
            if (!audience.contains(rules.audience().get())) {
                throw new AuthenticationException("wrong audience");
            }
        }
    }

    private static String minutes(Duration duration) {
        return duration.toMinutes() + " min";
    }
}
