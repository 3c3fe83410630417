package org.peerstats.streams.detail;

import com.fasterxml.jackson.annotation.JsonValue;

/** What applying a mentor-detail command came to. */
public enum CommandOutcome {
    APPLIED("applied"),
    /** The mentor has no profile: nothing was loaded; the REST answers 404. */
    UNKNOWN_MENTOR("unknown_mentor");

    private final String wireName;

    CommandOutcome(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
