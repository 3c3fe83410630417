package org.peerstats.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * Signs HS256 tokens for a {@link Principal}: what {@code ./peerstats token} prints and what
 * tests send. The token carries {@code sub}, {@code role}, the ids that are set, {@code iat} and
 * {@code exp}; {@link JwtTokenVerifier#hs256} with the same secret accepts it.
 */
public final class TokenIssuer {

    /** Lifetime of a token when none is given. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    private static final JWSHeader HEADER =
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    private final MACSigner signer;
    private final Clock clock;

    /** @param secret the HS256 secret, at least 32 bytes */
    public TokenIssuer(byte[] secret, Clock clock) {
        try {
            this.signer = new MACSigner(JwtSecrets.requireHs256Length(secret));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret", e);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A token for {@code principal}, valid for {@link #DEFAULT_LIFETIME} from now. */
    public String issue(Principal principal) {
        return issue(principal, DEFAULT_LIFETIME);
    }

    /** A token for {@code principal}, valid for {@code lifetime} (positive) from now. */
    public String issue(Principal principal, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, got " + lifetime);
        }
        Instant now = clock.instant();
        var claims = PrincipalClaims.toClaims(principal)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build();
        SignedJWT jwt = new SignedJWT(HEADER, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with HS256 failed", e);
        }
        return jwt.serialize();
    }
}
