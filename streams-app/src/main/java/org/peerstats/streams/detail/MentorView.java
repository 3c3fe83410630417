package org.peerstats.streams.detail;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.peerstats.streams.events.InvalidEventException;
import org.peerstats.streams.events.Limits;
import org.peerstats.streams.events.MentorProfile;

/**
 * The merged view of one mentor: the latest profile, certification expiry and open assignments,
 * each replaced as its own input changes. Its size is bounded by the mentor's open assignments.
 *
 * @param profile             null when there is none (never received, or deleted): the mentor is unknown
 * @param certificationExpiry null when the mentor has no certification
 * @param openAssignments     by assignment id
 */
public record MentorView(MentorProfile profile, Instant certificationExpiry,
                         SortedMap<String, OpenAssignment> openAssignments) {

    public static final MentorView EMPTY = new MentorView(null, null, null);

    public MentorView {
        openAssignments = Collections.unmodifiableSortedMap(
                openAssignments == null ? new TreeMap<>() : new TreeMap<>(openAssignments));
    }

    public MentorView withProfile(MentorProfile newProfile) {
        return new MentorView(newProfile, certificationExpiry, openAssignments);
    }

    public MentorView withCertificationExpiry(Instant expiry) {
        return new MentorView(profile, expiry, openAssignments);
    }

    /**
     * Adds or replaces the assignment while it is open here; drops it once closed, moved or
     * deleted. A mentor holds at most {@link Limits#MAX_OPEN_ASSIGNMENTS} open assignments: one
     * more is refused ({@link InvalidEventException}) before anything is written.
     */
    public MentorView with(AssignmentChange change) {
        TreeMap<String, OpenAssignment> next = new TreeMap<>(openAssignments);
        if (change.leavesOpen() && !next.containsKey(change.assignmentId())
                && next.size() >= Limits.MAX_OPEN_ASSIGNMENTS) {
            throw new InvalidEventException("the mentor already holds " + Limits.MAX_OPEN_ASSIGNMENTS
                    + " open assignments, the limit; assignment '" + change.assignmentId() + "' would be another");
        }
        if (change.leavesOpen()) {
            next.put(change.assignmentId(),
                    new OpenAssignment(change.assignmentId(), change.contactName(), change.status()));
        } else {
            next.remove(change.assignmentId());
        }
        return new MentorView(profile, certificationExpiry, next);
    }

    /** Whether the mentor is known: only a mentor with a profile can be loaded, listed or shown. */
    @JsonIgnore
    public boolean known() {
        return profile != null;
    }

    /** Nothing is left of the mentor: the view need not be kept. */
    @JsonIgnore
    public boolean holdsNothing() {
        return profile == null && certificationExpiry == null && openAssignments.isEmpty();
    }

    /** The open assignments in assignment-id order. */
    public List<OpenAssignment> openAssignmentList() {
        return List.copyOf(openAssignments.values());
    }
}
