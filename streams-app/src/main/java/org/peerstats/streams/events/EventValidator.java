package org.peerstats.streams.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The schema rules of DESIGN.md section 4 that JSON parsing alone does not enforce. Every rule
 * is checked against the record's own timestamp, never the wall clock, so re-processing the same
 * topic rejects exactly the same events.
 */
public final class EventValidator {

    /** The longest activity a mentor can log: one whole day. */
    public static final int MAX_DURATION_MINUTES = 1440;
    /** How far past the record's timestamp an activity may claim to have happened. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);

    private EventValidator() {
    }

    public static void validateActivity(String key, ActivityEvent event, Instant recordTime) {
        requirePresent(event, "activity event");
        requirePresent(event.op(), "op");
        requireText(event.activityId(), "activity_id");
        requireKeyMatches(key, event.peerMentorId());
        if (event.op() == EventOp.DELETE) {
            return;
        }
        requireText(event.organisationId(), "organisation_id");
        requirePresent(event.type(), "type");
        requirePresent(event.occurredAt(), "occurred_at");
        requirePresent(event.durationMinutes(), "duration_minutes");
        if (event.durationMinutes() < 0 || event.durationMinutes() > MAX_DURATION_MINUTES) {
            throw new InvalidEventException("duration_minutes " + event.durationMinutes()
                    + " is outside 0.." + MAX_DURATION_MINUTES);
        }
        requireNotInFuture(event.occurredAt(), "occurred_at", recordTime);
    }

    public static void validateTrainingCompletion(String key, TrainingCompletionEvent event, Instant recordTime) {
        requirePresent(event, "training completion event");
        requirePresent(event.op(), "op");
        requireKeyMatches(key, event.peerMentorId());
        requireText(event.moduleId(), "module_id");
        if (event.op() == EventOp.DELETE) {
            return;
        }
        requireText(event.organisationId(), "organisation_id");
        requirePresent(event.completedAt(), "completed_at");
        requireNotInFuture(event.completedAt(), "completed_at", recordTime);
    }

    static void requireKeyMatches(String key, String peerMentorId) {
        requireText(peerMentorId, "peer_mentor_id");
        if (!Objects.equals(key, peerMentorId)) {
            throw new InvalidEventException("record key '" + key + "' is not the value's peer_mentor_id '"
                    + peerMentorId + "'");
        }
    }

    private static void requireNotInFuture(Instant instant, String field, Instant recordTime) {
        if (instant.isAfter(recordTime.plus(MAX_FUTURE_SKEW))) {
            throw new InvalidEventException(field + " " + instant + " is more than "
                    + MAX_FUTURE_SKEW.toHours() + " h after the record's timestamp " + recordTime);
        }
    }

    /** Throws {@link InvalidEventException} ("missing field ...") unless {@code value} has text. */
    public static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("missing field " + field);
        }
    }

    /** Throws {@link InvalidEventException} ("missing field ...") when {@code value} is null. */
    public static void requirePresent(Object value, String field) {
        if (value == null) {
            throw new InvalidEventException("missing field " + field);
        }
    }
}
