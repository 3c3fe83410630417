package org.peerstats.streams.events;

import java.time.Instant;

/**
 * An activity logged by a peer mentor, as it arrives on the {@code activities} topic (key:
 * {@code peer_mentor_id}). An upsert of a known {@code activity_id} replaces the earlier version;
 * a delete retracts it and needs only {@code activity_id} and {@code peer_mentor_id}.
 *
 * @param menteeId        the person supported, or {@code null} (a group meeting, say)
 * @param durationMinutes 0..1440
 */
public record ActivityEvent(
        EventOp op,
        String activityId,
        String peerMentorId,
        String organisationId,
        ActivityType type,
        String menteeId,
        Instant occurredAt,
        Integer durationMinutes) {
}
