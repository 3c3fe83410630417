package org.peerstats.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.TrainingCompletionEvent;
import org.peerstats.streams.serde.Json;

/** Short ways to write the events of a test. */
public final class TestEvents {

    private TestEvents() {
    }

    public static ActivityEvent activity(String mentorId, String organisationId, String activityId, ActivityType type,
            String menteeId, String occurredAt, int minutes) {
        return new ActivityEvent(EventOp.UPSERT, activityId, mentorId, organisationId, type, menteeId,
                Instant.parse(occurredAt), minutes);
    }

    public static ActivityEvent session(String mentorId, String organisationId, String activityId, String menteeId,
            String occurredAt, int minutes) {
        return activity(mentorId, organisationId, activityId, ActivityType.SESSION, menteeId, occurredAt, minutes);
    }

    public static ActivityEvent deleteActivity(String mentorId, String activityId) {
        return new ActivityEvent(EventOp.DELETE, activityId, mentorId, null, null, null, null, null);
    }

    public static TrainingCompletionEvent completion(String mentorId, String organisationId, String moduleId,
            String completedAt) {
        return new TrainingCompletionEvent(mentorId, organisationId, moduleId, Instant.parse(completedAt),
                EventOp.UPSERT);
    }

    public static TrainingCompletionEvent deleteCompletion(String mentorId, String moduleId) {
        return new TrainingCompletionEvent(mentorId, null, moduleId, null, EventOp.DELETE);
    }

    /** The event as it is written on the wire. */
    public static String json(Object event) {
        try {
            return Json.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
