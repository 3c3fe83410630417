package org.peerstats.streams.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {

    private static final String KEY = "pm-kari-001";
    private static final Instant RECORD_TIME = Instant.parse("2026-03-20T12:00:00Z");
    private static final Instant OCCURRED = Instant.parse("2026-03-19T09:30:00Z");

    private static ActivityEvent activity(EventOp op, String activityId, String mentorId, String organisationId,
            ActivityType type, Instant occurredAt, Integer minutes) {
        return new ActivityEvent(op, activityId, mentorId, organisationId, type, "mentee-1", occurredAt, minutes);
    }

    private static ActivityEvent validActivity() {
        return activity(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.SESSION, OCCURRED, 45);
    }

    private static String activityRejection(String key, ActivityEvent event) {
        return assertThrows(InvalidEventException.class,
                () -> EventValidator.validateActivity(key, event, RECORD_TIME)).getMessage();
    }

    private static TrainingCompletionEvent completion(String mentorId, String organisationId, String moduleId,
            Instant completedAt, EventOp op) {
        return new TrainingCompletionEvent(mentorId, organisationId, moduleId, completedAt, op);
    }

    private static String trainingRejection(String key, TrainingCompletionEvent event) {
        return assertThrows(InvalidEventException.class,
                () -> EventValidator.validateTrainingCompletion(key, event, RECORD_TIME)).getMessage();
    }

    // ---- activities -------------------------------------------------------------------------

    @Test
    void aCompleteActivityIsAccepted() {
        assertDoesNotThrow(() -> EventValidator.validateActivity(KEY, validActivity(), RECORD_TIME));
    }

    @Test
    void anActivityWithoutAMenteeIsAccepted() {
        ActivityEvent group = new ActivityEvent(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.GROUP, null,
                OCCURRED, 60);
        assertDoesNotThrow(() -> EventValidator.validateActivity(KEY, group, RECORD_TIME));
    }

    @Test
    void aNullActivityValueIsRejected() {
        assertEquals("missing field activity event", activityRejection(KEY, null));
    }

    @Test
    void anActivityWithoutOpIsRejected() {
        assertEquals("missing field op",
                activityRejection(KEY, activity(null, "a1", KEY, "org-1", ActivityType.SESSION, OCCURRED, 45)));
    }

    @Test
    void anActivityWithoutActivityIdIsRejected() {
        assertEquals("missing field activity_id",
                activityRejection(KEY, activity(EventOp.UPSERT, null, KEY, "org-1", ActivityType.SESSION, OCCURRED, 45)));
        assertEquals("missing field activity_id",
                activityRejection(KEY, activity(EventOp.UPSERT, "  ", KEY, "org-1", ActivityType.SESSION, OCCURRED, 45)));
    }

    @Test
    void anActivityWithoutPeerMentorIdIsRejected() {
        assertEquals("missing field peer_mentor_id",
                activityRejection(KEY, activity(EventOp.UPSERT, "a1", null, "org-1", ActivityType.SESSION, OCCURRED, 45)));
        assertEquals("missing field peer_mentor_id",
                activityRejection(KEY, activity(EventOp.UPSERT, "a1", "", "org-1", ActivityType.SESSION, OCCURRED, 45)));
    }

    @Test
    void anActivityWhoseKeyIsNotItsPeerMentorIdIsRejected() {
        assertEquals("record key 'pm-other' is not the value's peer_mentor_id 'pm-kari-001'",
                activityRejection("pm-other", validActivity()));
        assertEquals("record key 'null' is not the value's peer_mentor_id 'pm-kari-001'",
                activityRejection(null, validActivity()));
    }

    @Test
    void anActivityWithoutOrganisationIdIsRejected() {
        assertEquals("missing field organisation_id",
                activityRejection(KEY, activity(EventOp.UPSERT, "a1", KEY, null, ActivityType.SESSION, OCCURRED, 45)));
        assertEquals("missing field organisation_id",
                activityRejection(KEY, activity(EventOp.UPSERT, "a1", KEY, " ", ActivityType.SESSION, OCCURRED, 45)));
    }

    @Test
    void anActivityWithoutTypeIsRejected() {
        assertEquals("missing field type",
                activityRejection(KEY, activity(EventOp.UPSERT, "a1", KEY, "org-1", null, OCCURRED, 45)));
    }

    @Test
    void anActivityWithoutOccurredAtIsRejected() {
        assertEquals("missing field occurred_at",
                activityRejection(KEY, activity(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.SESSION, null, 45)));
    }

    @Test
    void anActivityWithoutDurationIsRejected() {
        assertEquals("missing field duration_minutes",
                activityRejection(KEY, activity(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.SESSION, OCCURRED, null)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1439, 1440})
    void durationsFromZeroToAWholeDayAreAccepted(int minutes) {
        ActivityEvent event = activity(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.SESSION, OCCURRED, minutes);
        assertDoesNotThrow(() -> EventValidator.validateActivity(KEY, event, RECORD_TIME));
    }

    @Test
    void aNegativeDurationIsRejected() {
        assertEquals("duration_minutes -1 is outside 0..1440",
                activityRejection(KEY, activity(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.SESSION, OCCURRED, -1)));
    }

    @Test
    void aDurationLongerThanADayIsRejected() {
        assertEquals("duration_minutes 1441 is outside 0..1440",
                activityRejection(KEY, activity(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.SESSION, OCCURRED, 1441)));
    }

    @Test
    void aConfiguredBoundTakesLongerActivitiesAndNamesItselfWhenExceeded() {
        ActivityEvent camp = activity(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.GROUP, OCCURRED, 2880);
        assertDoesNotThrow(() -> EventValidator.validateActivity(KEY, camp, RECORD_TIME, 2880));
        assertEquals("duration_minutes 2881 is outside 0..2880", assertThrows(InvalidEventException.class,
                () -> EventValidator.validateActivity(KEY, activity(EventOp.UPSERT, "a1", KEY, "org-1",
                        ActivityType.GROUP, OCCURRED, 2881), RECORD_TIME, 2880)).getMessage());
        assertEquals("duration_minutes 61 is outside 0..60", assertThrows(InvalidEventException.class,
                () -> EventValidator.validateActivity(KEY, activity(EventOp.UPSERT, "a1", KEY, "org-1",
                        ActivityType.SESSION, OCCURRED, 61), RECORD_TIME, 60)).getMessage(), "a bound may be lowered too");
    }

    @Test
    void anActivityExactlyOneDayAfterTheRecordTimestampIsAccepted() {
        ActivityEvent event = activity(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.SESSION,
                Instant.parse("2026-03-21T12:00:00Z"), 45);
        assertDoesNotThrow(() -> EventValidator.validateActivity(KEY, event, RECORD_TIME));
    }

    @Test
    void anActivityOneDayAndOneSecondAfterTheRecordTimestampIsRejected() {
        ActivityEvent event = activity(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.SESSION,
                Instant.parse("2026-03-21T12:00:01Z"), 45);
        assertEquals("occurred_at 2026-03-21T12:00:01Z is more than 24 h after the record's timestamp "
                + "2026-03-20T12:00:00Z", activityRejection(KEY, event));
    }

    @Test
    void anActivityLongBeforeTheRecordTimestampIsAccepted() {
        ActivityEvent event = activity(EventOp.UPSERT, "a1", KEY, "org-1", ActivityType.SESSION,
                Instant.parse("2020-01-01T00:00:00Z"), 45);
        assertDoesNotThrow(() -> EventValidator.validateActivity(KEY, event, RECORD_TIME));
    }

    @Test
    void aDeleteNeedsOnlyItsActivityIdAndPeerMentorId() {
        ActivityEvent delete = new ActivityEvent(EventOp.DELETE, "a1", KEY, null, null, null, null, null);
        assertDoesNotThrow(() -> EventValidator.validateActivity(KEY, delete, RECORD_TIME));
    }

    @Test
    void aDeleteNeedsNoMoreThanItsIdsButEveryFieldItCarriesKeepsItsBounds() {
        assertDoesNotThrow(() -> EventValidator.validateActivity(KEY,
                activity(EventOp.DELETE, "a1", KEY, null, null, null, null), RECORD_TIME));
        assertDoesNotThrow(() -> EventValidator.validateActivity(KEY, activity(EventOp.DELETE, "a1", KEY, "org-1",
                ActivityType.SESSION, RECORD_TIME.minusSeconds(60), 30), RECORD_TIME));
        assertEquals("duration_minutes 5000 is outside 0..1440", assertThrows(InvalidEventException.class,
                () -> EventValidator.validateActivity(KEY, activity(EventOp.DELETE, "a1", KEY, "org-1",
                        ActivityType.SESSION, RECORD_TIME, 5000), RECORD_TIME)).getMessage());
        assertTrue(assertThrows(InvalidEventException.class, () -> EventValidator.validateActivity(KEY,
                activity(EventOp.DELETE, "a1", KEY, "o".repeat(101), null, null, null), RECORD_TIME))
                .getMessage().startsWith("organisation_id is 101 characters long"));
    }

    @Test
    void aDeleteWithoutActivityIdOrWithAnotherMentorsKeyIsRejected() {
        assertEquals("missing field activity_id", activityRejection(KEY,
                new ActivityEvent(EventOp.DELETE, null, KEY, null, null, null, null, null)));
        assertEquals("missing field peer_mentor_id", activityRejection(KEY,
                new ActivityEvent(EventOp.DELETE, "a1", null, null, null, null, null, null)));
        assertEquals("record key 'pm-other' is not the value's peer_mentor_id 'pm-kari-001'", activityRejection(
                "pm-other", new ActivityEvent(EventOp.DELETE, "a1", KEY, null, null, null, null, null)));
    }

    // ---- training completions ---------------------------------------------------------------

    @Test
    void aCompleteTrainingCompletionIsAccepted() {
        TrainingCompletionEvent event = completion(KEY, "org-1", "module-1", OCCURRED, EventOp.UPSERT);
        assertDoesNotThrow(() -> EventValidator.validateTrainingCompletion(KEY, event, RECORD_TIME));
    }

    @Test
    void aNullTrainingCompletionValueIsRejected() {
        assertEquals("missing field training completion event", trainingRejection(KEY, null));
    }

    @Test
    void aTrainingCompletionWithoutOpIsRejected() {
        assertEquals("missing field op", trainingRejection(KEY, completion(KEY, "org-1", "module-1", OCCURRED, null)));
    }

    @Test
    void aTrainingCompletionWithoutPeerMentorIdOrWithAnotherMentorsKeyIsRejected() {
        assertEquals("missing field peer_mentor_id",
                trainingRejection(KEY, completion(null, "org-1", "module-1", OCCURRED, EventOp.UPSERT)));
        assertEquals("record key 'pm-other' is not the value's peer_mentor_id 'pm-kari-001'",
                trainingRejection("pm-other", completion(KEY, "org-1", "module-1", OCCURRED, EventOp.UPSERT)));
    }

    @Test
    void aTrainingCompletionWithoutModuleIdIsRejected() {
        assertEquals("missing field module_id",
                trainingRejection(KEY, completion(KEY, "org-1", null, OCCURRED, EventOp.UPSERT)));
        assertEquals("missing field module_id",
                trainingRejection(KEY, completion(KEY, "org-1", "", OCCURRED, EventOp.DELETE)));
    }

    @Test
    void aTrainingCompletionWithoutOrganisationIdIsRejected() {
        assertEquals("missing field organisation_id",
                trainingRejection(KEY, completion(KEY, null, "module-1", OCCURRED, EventOp.UPSERT)));
    }

    @Test
    void aTrainingCompletionWithoutCompletedAtIsRejected() {
        assertEquals("missing field completed_at",
                trainingRejection(KEY, completion(KEY, "org-1", "module-1", null, EventOp.UPSERT)));
    }

    @Test
    void aTrainingCompletionExactlyOneDayAheadIsAcceptedAndOneSecondMoreIsRejected() {
        TrainingCompletionEvent atLimit = completion(KEY, "org-1", "module-1",
                Instant.parse("2026-03-21T12:00:00Z"), EventOp.UPSERT);
        assertDoesNotThrow(() -> EventValidator.validateTrainingCompletion(KEY, atLimit, RECORD_TIME));

        assertEquals("completed_at 2026-03-21T12:00:01Z is more than 24 h after the record's timestamp "
                + "2026-03-20T12:00:00Z", trainingRejection(KEY, completion(KEY, "org-1", "module-1",
                Instant.parse("2026-03-21T12:00:01Z"), EventOp.UPSERT)));
    }

    @Test
    void aTrainingDeleteNeedsOnlyItsModuleIdAndPeerMentorId() {
        TrainingCompletionEvent delete = completion(KEY, null, "module-1", null, EventOp.DELETE);
        assertDoesNotThrow(() -> EventValidator.validateTrainingCompletion(KEY, delete, RECORD_TIME));
    }
}
