package org.peerstats.streams.clock;

import com.fasterxml.jackson.annotation.JsonValue;

/** The two moments of a local day that the topology follows. */
public enum TickKind {
    /** The start of the day in a zone (00:00, or the first instant of the day where a zone skips midnight). */
    MIDNIGHT("midnight"),
    /** The streak-reminder hour of the day in a zone. */
    REMINDER("reminder");

    private final String wireName;

    TickKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
