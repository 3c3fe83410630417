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
 * tests send. The token carries {@code sub}, {@code role}, the ids that are set, {@code iat},
 * {@code exp}, and the issuer and audience of its {@link TokenRules} when they have them;
 * {@link JwtTokenVerifier#hs256} with the same secret and rules accepts it.
 */
public final class TokenIssuer {

    /** Lifetime of a token when none is given. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    private static final JWSHeader HEADER =
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    private final MACSigner signer;
    private final TokenRules rules;
    private final Clock clock;

    /** @param secret the HS256 secret, at least 32 bytes; tokens by {@link TokenRules#DEVELOPMENT} */
    public TokenIssuer(byte[] secret, Clock clock) {
        this(secret, TokenRules.DEVELOPMENT, clock);
    }

    /** @param secret the HS256 secret, at least 32 bytes */
    public TokenIssuer(byte[] secret, TokenRules rules, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
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

    /** A token for {@code principal}, valid for {@code lifetime} (positive, at most the rules' maximum) from now. */
    public String issue(Principal principal, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, got " + lifetime);
        }
        if (lifetime.compareTo(rules.maxLifetime()) > 0) {
            throw new IllegalArgumentException("token lifetime " + lifetime.toMinutes() + " min is longer than the "
                    + "maximum of " + rules.maxLifetime().toMinutes() + " min (PEERSTATS_JWT_MAX_LIFETIME_MINUTES)");
        }
        Instant now = clock.instant();
        var builder = PrincipalClaims.toClaims(principal)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
        rules.issuer().ifPresent(builder::issuer);
        rules.audience().ifPresent(builder::audience);
        var claims = builder.build();
        SignedJWT jwt = new SignedJWT(HEADER, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with HS256 failed", e);
        }
        return jwt.serialize();
    }
}
