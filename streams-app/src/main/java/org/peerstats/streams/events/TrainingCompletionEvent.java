package org.peerstats.streams.events;

import java.time.Instant;

/**
 * A completed training module, from the {@code training-completions} topic (key:
 * {@code peer_mentor_id}). {@code upsert} records the completion (again: idempotent);
 * {@code delete} retracts it, for a completion recorded in error.
 */
public record TrainingCompletionEvent(
        String peerMentorId,
        String organisationId,
        String moduleId,
        Instant completedAt,
        EventOp op) {
}
