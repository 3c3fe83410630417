package org.peerstats.streams.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A mentor's assignment to support a contact, the latest per assignment on the compacted
 * {@code assignments} topic (key: {@code assignment_id}, not the mentor). An assignment is open
 * while its status is {@value #OPEN}; it may move to another mentor; a tombstone deletes it.
 */
public record Assignment(
        String assignmentId,
        String peerMentorId,
        String contactName,
        String status) {

    public static final String OPEN = "open";

    @JsonIgnore
    public boolean isOpen() {
        return OPEN.equals(status);
    }
}
