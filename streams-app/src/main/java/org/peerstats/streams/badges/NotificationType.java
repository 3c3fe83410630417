package org.peerstats.streams.badges;

import com.fasterxml.jackson.annotation.JsonValue;

/** The two transitions published on {@code badge-notifications}. */
public enum NotificationType {
    BADGE_AWARDED("badge_awarded"),
    BADGE_REVOKED("badge_revoked");

    private final String wireName;

    NotificationType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
