package org.peerstats.streams.events;

import static org.peerstats.streams.events.Limits.requireId;
import static org.peerstats.streams.events.Limits.requireText;

import java.time.Instant;
import java.util.Objects;

/**
 * The schema rules of the mentor-detail inputs (DESIGN.md section 4) that JSON parsing alone does
 * not enforce. A null value on a compacted topic is a deletion and is valid as long as it has a key;
 * a command must always have a value.
 */
public final class DetailEventValidator {

    private DetailEventValidator() {
    }

    public static void validateProfile(String key, MentorProfile profile) {
        requireKey(key);
        if (profile == null) {
            return;
        }
        EventValidator.requireKeyMatches(key, profile.peerMentorId());
        requireId(profile.organisationId(), "organisation_id");
        requireText(profile.fullName(), Limits.MAX_NAME_LENGTH, "full_name");
        requireText(profile.email(), Limits.MAX_EMAIL_LENGTH, "email");
        requireText(profile.status(), Limits.MAX_STATUS_LENGTH, "status");
        EventValidator.requirePresent(profile.isPaused(), "is_paused");
    }

    public static void validateCertification(String key, Certification certification, Instant recordTime) {
        requireKey(key);
        if (certification == null) {
            return;
        }
        EventValidator.requireKeyMatches(key, certification.peerMentorId());
        EventValidator.requirePresent(certification.expiryDate(), "expiry_date");
        Limits.requireNotBeforeEarliest(certification.expiryDate(), "expiry_date");
        if (certification.expiryDate().isAfter(recordTime.plus(Limits.MAX_EXPIRY_AHEAD))) {
            throw new InvalidEventException("expiry_date " + certification.expiryDate()
                    + " is more than 100 years after the record's timestamp " + recordTime);
        }
    }

    public static void validateAssignment(String key, Assignment assignment) {
        requireKey(key);
        if (assignment == null) {
            return;
        }
        requireKeyIs(key, assignment.assignmentId(), "assignment_id");
        requireId(assignment.peerMentorId(), "peer_mentor_id");
        requireText(assignment.contactName(), Limits.MAX_NAME_LENGTH, "contact_name");
        requireText(assignment.status(), Limits.MAX_STATUS_LENGTH, "status");
    }

    public static void validateCommand(String key, MentorDetailCommand command) {
        requireKey(key);
        EventValidator.requirePresent(command, "mentor detail command");
        requireId(command.commandId(), "command_id");
        EventValidator.requirePresent(command.event(), "event");
        requireKeyIs(key, command.mentorId(), "mentor_id");
        EventValidator.requirePresent(command.dispatchedAt(), "dispatched_at");
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidEventException("missing record key");
        }
        Limits.requireAtMost(key, Limits.MAX_ID_LENGTH, "record key");
    }

    private static void requireKeyIs(String key, String value, String field) {
        requireId(value, field);
        if (!Objects.equals(key, value)) {
            throw new InvalidEventException("record key '" + key + "' is not the value's " + field + " '" + value + "'");
        }
    }
}
