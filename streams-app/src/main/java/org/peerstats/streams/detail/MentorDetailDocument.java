package org.peerstats.streams.detail;

import java.time.Instant;

/**
 * Everything the REST layer needs about one mentor's detail, published on the compacted
 * {@code mentor-details} topic on every change and read back into a global store on every
 * instance: the live fields of the organisation dashboard (name, status, open assignments,
 * certification expiry), the state machine's phase and snapshot, and the last command applied.
 *
 * @param known            whether the mentor has a profile; an unknown mentor is never listed or shown
 * @param organisationId   from the profile; null when unknown
 * @param openAssignmentCount live, not as of the snapshot
 */
public record MentorDetailDocument(
        String mentorId,
        boolean known,
        String organisationId,
        String fullName,
        String status,
        Boolean isPaused,
        Instant certificationExpiry,
        int openAssignmentCount,
        MentorDetailPhase phase,
        MentorDetailSnapshot snapshot,
        Instant loadedAt,
        Instant previousLoadedAt,
        AppliedCommand lastCommand) {

    /** Whether the command written at {@code offset} of this mentor's commands partition has been applied. */
    public boolean hasApplied(long offset) {
        return lastCommand != null && lastCommand.offset() >= offset;
    }
}
