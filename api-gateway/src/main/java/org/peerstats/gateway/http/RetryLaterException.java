package org.peerstats.gateway.http;

import java.time.Duration;

/** A request to send again later: the answer carries a {@code Retry-After} header with {@link #retryAfter}. */
public class RetryLaterException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RetryLaterException(int status, String code, String message, Duration retryAfter) {
        super(status, code, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter} as the {@code Retry-After} header gives it: whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return wholeSeconds(retryAfter);
    }

    /** {@code wait} in whole seconds, rounded up, at least 1: what a client is told to wait. */
    static long wholeSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    /** 429: this caller sent more than its share; {@code Retry-After} says when the next one passes. */
    public static RetryLaterException tooManyRequests(String message, Duration retryAfter) {
        return new RetryLaterException(429, "too_many_requests", message, retryAfter);
    }
}
