package org.peerstats.streams.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an event does to the record it names: create-or-replace it, or retract it. */
public enum EventOp {
    UPSERT("upsert"),
    DELETE("delete");

    private final String wireName;

    EventOp(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
