package org.peerstats.streams.events;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What became of a command from the REST layer — a badge award or revocation, or a mentor-detail
 * command — as the topology decided it; the REST call that waited for it answers from this.
 */
public enum CommandStatus {
    /** Done. */
    APPLIED("applied"),
    /** Refused: the mentor already holds the badge, or it was already revoked (409). */
    CONFLICT("conflict"),
    /** Refused: the mentor, the definition or the earned badge is not known (404). */
    NOT_FOUND("not_found");

    private final String wireName;

    CommandStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
