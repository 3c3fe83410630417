package org.peerstats.gateway.detail;

import java.time.Instant;
import java.util.List;
import org.peerstats.streams.detail.ActivitySummary;
import org.peerstats.streams.detail.OpenAssignment;

/**
 * The JSON bodies of the peer-mentor-bloc endpoints, field for field as in
 * {@code contracts/peer-mentor-bloc.txt} (snake_case on the wire).
 */
public final class MentorDetailResponses {

    private MentorDetailResponses() {
    }

    public record Detail(
            String mentorId,
            String state,
            Profile profile,
            Certification certification,
            ActivitySummary activitySummary,
            List<OpenAssignment> activeAssignments,
            Instant loadedAt) {
    }

    public record Profile(String fullName, String email, String orgId, String status, boolean isPaused) {
    }

    /** Computed when read: {@code days_until_expiry} is negative once expired, and then within the window. */
    public record Certification(Instant expiryDate, long daysUntilExpiry, boolean isWithinWarningWindow) {
    }

    /**
     * @param daysUntilExpiry        null when the mentor has no certification
     * @param isWithinWarningWindow  as in the detail's certification (null without one): not in the
     *                               original contract, added so a dashboard can highlight it
     */
    public record ListItem(
            String mentorId,
            String state,
            String fullName,
            String status,
            int openAssignmentCount,
            Long daysUntilExpiry,
            Boolean isWithinWarningWindow) {
    }

    public record Pagination(int page, int limit, long total) {
    }

    public record Page(List<ListItem> data, Pagination pagination) {
    }

    public record Loading(String mentorId, String state, Instant dispatchedAt) {
    }

    public record Refreshing(String mentorId, String state, Instant previousLoadedAt, Instant refreshDispatchedAt) {
    }

    public record Cleared(boolean cleared, String mentorId) {
    }
}
