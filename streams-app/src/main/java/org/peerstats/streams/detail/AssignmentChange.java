package org.peerstats.streams.detail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.peerstats.streams.events.Assignment;

/**
 * What one mentor's merged view must do about one assignment: carried, wrapped in a
 * {@code MentorInput}, on the {@code mentor-inputs} topic (key: the mentor). An assignment that was
 * deleted or moved to another mentor reaches its former mentor as a removal.
 *
 * @param removed true when the assignment no longer belongs to this mentor; the other fields are then null
 */
public record AssignmentChange(String assignmentId, String contactName, String status, boolean removed) {

    public static AssignmentChange upsert(Assignment assignment) {
        return new AssignmentChange(assignment.assignmentId(), assignment.contactName(), assignment.status(), false);
    }

    public static AssignmentChange removal(String assignmentId) {
        return new AssignmentChange(assignmentId, null, null, true);
    }

    /** Whether, after this change, the mentor has the assignment open. */
    @JsonIgnore
    public boolean leavesOpen() {
        return !removed && Assignment.OPEN.equals(status);
    }
}
