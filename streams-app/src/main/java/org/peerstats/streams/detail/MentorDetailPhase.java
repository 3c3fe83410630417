package org.peerstats.streams.detail;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a mentor's detail is in its life cycle. The topology applies a command at once, so only
 * {@link #INITIAL}, {@link #LOADED} and {@link #CLEARED} are ever kept; {@link #LOADING} and
 * {@link #REFRESHING} are the phases between a dispatch and its application, which the REST
 * answers to a dispatch report.
 */
public enum MentorDetailPhase {
    /** Never loaded (or the mentor's profile was deleted since). */
    INITIAL("initial"),
    LOADING("loading"),
    LOADED("loaded"),
    REFRESHING("refreshing"),
    /** Cleared: no snapshot; the next GET loads afresh. */
    CLEARED("cleared");

    private final String wireName;

    MentorDetailPhase(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
