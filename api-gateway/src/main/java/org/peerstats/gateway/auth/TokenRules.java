package org.peerstats.gateway.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a token must say besides a valid signature: who issued it ({@code iss}), whom it is for
 * ({@code aud}), and that it does not live longer than {@code maxLifetime}. The issuer and the
 * audience are checked whenever they are set; with a JWKS URL both are required
 * ({@link #requireIssuerAndAudience}), because an identity provider signs tokens for every client
 * it serves with the same keys. {@link TokenIssuer} writes the same rules into the tokens it signs.
 *
 * @param issuer      the one accepted {@code iss}; empty = not checked
 * @param audience    a value {@code aud} must contain; empty = not checked
 * @param maxLifetime how long a token may be valid: {@code exp} at most this long after
 *                    {@code iat}, and never more than this long ahead of now
 */
public record TokenRules(Optional<String> issuer, Optional<String> audience, Duration maxLifetime) {

    /** The longest a token may live unless {@code PEERSTATS_JWT_MAX_LIFETIME_MINUTES} says otherwise. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

    /** No issuer or audience to check, the default maximum lifetime: HS256 with nothing configured. */
    public static final TokenRules DEVELOPMENT = new TokenRules(Optional.empty(), Optional.empty(),
            DEFAULT_MAX_LIFETIME);

    public TokenRules {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("the maximum token lifetime must be positive, not " + maxLifetime);
        }
    }

    /** @throws IllegalArgumentException naming the missing settings, when the issuer or the audience is not set */
    public TokenRules requireIssuerAndAudience(String because) {
        if (issuer.isEmpty() || audience.isEmpty()) {
            throw new IllegalArgumentException(because + " needs PEERSTATS_JWT_ISSUER and PEERSTATS_JWT_AUDIENCE"
                    + " (the identity provider's issuer and this service's audience), so that tokens the provider"
                    + " issues for other clients are refused");
        }
        return this;
    }
}
