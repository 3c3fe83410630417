package org.peerstats.gateway.auth;

/**
 * A token could not be checked because the signing keys could not be fetched (the JWKS endpoint
 * is down or answers garbage). Not the client's fault: answer 503, not 401.
 */
public final class VerificationUnavailableException extends RuntimeException {

    public VerificationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
