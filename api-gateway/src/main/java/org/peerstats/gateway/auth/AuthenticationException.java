package org.peerstats.gateway.auth;

/**
 * A token was missing or not acceptable. The message is safe to show to the client: it names
 * what was wrong ("token expired", "invalid signature", "missing claim role") and never echoes
 * the token or key material.
 */
public final class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message);
    }
}
