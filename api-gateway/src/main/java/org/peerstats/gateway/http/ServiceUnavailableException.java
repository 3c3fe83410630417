package org.peerstats.gateway.http;

import java.time.Duration;

/**
 * The answer is not available right now but will be soon (a store moving during a rebalance, the
 * topology still restoring): 503 with a {@code Retry-After} header.
 */
public final class ServiceUnavailableException extends RetryLaterException {

    private static final long serialVersionUID = 1L;

    public ServiceUnavailableException(String message, Duration retryAfter) {
        super(503, "unavailable", message, retryAfter);
    }
}
