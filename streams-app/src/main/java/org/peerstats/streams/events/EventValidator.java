package org.peerstats.streams.events;

import static org.peerstats.streams.events.Limits.requireEventTime;
import static org.peerstats.streams.events.Limits.optionalId;
import static org.peerstats.streams.events.Limits.requireId;

import java.time.Instant;
import java.util.Objects;

/**
 * The schema rules of DESIGN.md section 4 that JSON parsing alone does not enforce, and the bounds
 * of {@link Limits}. Every rule is checked against the record's own timestamp, never the wall
 * clock, so re-processing the same topic rejects exactly the same events. Fields a rule does not
 * know are ignored (producers may add fields before peerstats reads them).
 */
public final class EventValidator {

    /**
     * The longest activity a mentor can log unless configured otherwise: one whole day. An
     * organisation that logs a weekend camp as one group activity raises it
     * ({@code TopologySettings#maxActivityMinutes}).
     */
    public static final int DEFAULT_MAX_DURATION_MINUTES = 1440;
    /**
     * The highest that bound may be set to: one week. An activity counts on the one day it occurred
     * on, so anything longer is a period, not an activity, and the bound keeps a day's minutes far
     * from an {@code int}'s range.
     */
    public static final int HIGHEST_MAX_DURATION_MINUTES = 7 * 1440;

    private EventValidator() {
    }

    /** {@link #validateActivity(String, ActivityEvent, Instant, int)} with the default duration bound. */
    public static void validateActivity(String key, ActivityEvent event, Instant recordTime) {
        validateActivity(key, event, recordTime, DEFAULT_MAX_DURATION_MINUTES);
    }

    /**
     * An activity; every field present keeps its bounds, also the ones a delete does not use.
     *
     * @param maxDurationMinutes the longest {@code duration_minutes} taken
     */
    public static void validateActivity(String key, ActivityEvent event, Instant recordTime, int maxDurationMinutes) {
        requirePresent(event, "activity event");
        requirePresent(event.op(), "op");
        requireId(event.activityId(), "activity_id");
        requireKeyMatches(key, event.peerMentorId());
        if (event.op() == EventOp.UPSERT) {
            requireId(event.organisationId(), "organisation_id");
            requirePresent(event.type(), "type");
            requirePresent(event.occurredAt(), "occurred_at");
            requirePresent(event.durationMinutes(), "duration_minutes");
        }
        optionalId(event.organisationId(), "organisation_id");
        optionalId(event.menteeId(), "mentee_id");
        if (event.durationMinutes() != null
                && (event.durationMinutes() < 0 || event.durationMinutes() > maxDurationMinutes)) {
            throw new InvalidEventException("duration_minutes " + event.durationMinutes()
                    + " is outside 0.." + maxDurationMinutes);
        }
        if (event.occurredAt() != null) {
            requireEventTime(event.occurredAt(), "occurred_at", recordTime);
        }
    }

    /** A training completion; every field present keeps its bounds, also the ones a delete does not use. */
    public static void validateTrainingCompletion(String key, TrainingCompletionEvent event, Instant recordTime) {
        requirePresent(event, "training completion event");
        requirePresent(event.op(), "op");
        requireKeyMatches(key, event.peerMentorId());
        requireId(event.moduleId(), "module_id");
        if (event.op() == EventOp.UPSERT) {
            requireId(event.organisationId(), "organisation_id");
            requirePresent(event.completedAt(), "completed_at");
        }
        optionalId(event.organisationId(), "organisation_id");
        if (event.completedAt() != null) {
            requireEventTime(event.completedAt(), "completed_at", recordTime);
        }
    }

    static void requireKeyMatches(String key, String peerMentorId) {
        requireId(peerMentorId, "peer_mentor_id");
        if (!Objects.equals(key, peerMentorId)) {
            throw new InvalidEventException("record key '" + key + "' is not the value's peer_mentor_id '"
                    + peerMentorId + "'");
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
