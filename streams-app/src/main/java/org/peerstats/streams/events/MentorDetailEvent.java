package org.peerstats.streams.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The events of the mentor-detail state machine, by their wire names. */
public enum MentorDetailEvent {
    LOAD("LoadMentorDetail"),
    REFRESH("RefreshMentorDetail"),
    CLEAR("ClearMentorDetail");

    private final String wireName;

    MentorDetailEvent(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The event named exactly {@code wireName}; empty for null or an unknown name. */
    public static Optional<MentorDetailEvent> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(event -> event.wireName.equals(wireName)).findFirst();
    }
}
