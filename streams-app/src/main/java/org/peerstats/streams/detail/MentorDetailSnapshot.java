package org.peerstats.streams.detail;

import java.time.Instant;
import java.util.List;
import org.peerstats.streams.events.MentorProfile;

/**
 * The mentor detail as it was when loaded: the merged view plus the month's activity, frozen
 * until the next refresh. Query-time values (days until expiry) are computed from it when read.
 */
public record MentorDetailSnapshot(
        MentorProfile profile,
        Instant certificationExpiry,
        ActivitySummary activitySummary,
        List<OpenAssignment> activeAssignments) {

    public MentorDetailSnapshot {
        activeAssignments = List.copyOf(activeAssignments);
    }

    public static MentorDetailSnapshot of(MentorView view, ActivitySummary activity) {
        return new MentorDetailSnapshot(view.profile(), view.certificationExpiry(), activity,
                view.openAssignmentList());
    }
}
