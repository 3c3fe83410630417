package org.peerstats.gateway.http;

import org.peerstats.streams.events.Limits;

/**
 * The bounds of {@link Limits} at the REST layer: a path id, query id or body field over its bound
 * answers 400 naming the field and the limit ({@code "note is 2001 characters long; the limit is
 * 2000"}), in the ingest stage's own words, before anything is read or sent to Kafka. A command
 * that the ingest stage would refuse is so never sent: it would go to the dead-letter topic, and
 * the call that waits for its outcome would answer 503.
 */
public final class Bounds {

    private Bounds() {
    }

    /** {@code value}, or 400 when it is longer than {@code max} characters; null passes. */
    public static String atMost(String value, int max, String field) {
        Limits.excessLength(value, max, field).ifPresent(tooLong -> {
            throw ApiException.badRequest(tooLong);
        });
        return value;
    }

    /**
     * {@code value}, or 400 when it is not one line of at most {@code max} characters (an id, a
     * name, a code: no control characters); null passes.
     */
    public static String line(String value, int max, String field) {
        Limits.lineProblem(value, max, field).ifPresent(problem -> {
            throw ApiException.badRequest(problem);
        });
        return value;
    }

    /** {@code value}, or 400 when it is not an id ({@value Limits#MAX_ID_LENGTH} characters, one line); null passes. */
    public static String id(String value, String field) {
        return line(value, Limits.MAX_ID_LENGTH, field);
    }
}
