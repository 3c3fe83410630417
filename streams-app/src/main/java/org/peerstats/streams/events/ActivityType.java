package org.peerstats.streams.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of activity a mentor logs; only {@link #SESSION} counts towards session_count. */
public enum ActivityType {
    SESSION("session"),
    PHONE_CALL("phone_call"),
    GROUP("group"),
    OTHER("other");

    private final String wireName;

    ActivityType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException when no type has that wire name */
    public static ActivityType fromWireName(String wireName) {
        for (ActivityType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown activity type '" + wireName + "'");
    }
}
