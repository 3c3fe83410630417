package org.peerstats.streams.events;

/**
 * An event that is well-formed JSON but breaks a rule of the event schema. Thrown before any
 * state is touched; the processing exception handler sends the original bytes to the
 * dead-letter topic with this message as the reason, and processing goes on.
 */
public final class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(String reason) {
        super(reason);
    }
}
