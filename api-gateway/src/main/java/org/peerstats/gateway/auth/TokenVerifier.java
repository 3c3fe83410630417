package org.peerstats.gateway.auth;

/** Turns a bearer token into the {@link Principal} it proves. */
public interface TokenVerifier {

    /**
     * Checks the token's signature, lifetime and claims.
     *
     * @param bearerToken the compact JWT, without the {@code Bearer } prefix
     * @return the principal the token stands for
     * @throws AuthenticationException          when the token is missing or not acceptable
     * @throws VerificationUnavailableException when the signing keys cannot be obtained
     */
    Principal verify(String bearerToken) throws AuthenticationException;
}
