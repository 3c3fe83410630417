package org.peerstats.streams.events;

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
        EventValidator.requireText(profile.organisationId(), "organisation_id");
        EventValidator.requireText(profile.fullName(), "full_name");
        EventValidator.requireText(profile.email(), "email");
        EventValidator.requireText(profile.status(), "status");
        EventValidator.requirePresent(profile.isPaused(), "is_paused");
    }

    public static void validateCertification(String key, Certification certification) {
        requireKey(key);
        if (certification == null) {
            return;
        }
        EventValidator.requireKeyMatches(key, certification.peerMentorId());
        EventValidator.requirePresent(certification.expiryDate(), "expiry_date");
    }

    public static void validateAssignment(String key, Assignment assignment) {
        requireKey(key);
        if (assignment == null) {
            return;
        }
        requireKeyIs(key, assignment.assignmentId(), "assignment_id");
        EventValidator.requireText(assignment.peerMentorId(), "peer_mentor_id");
        EventValidator.requireText(assignment.contactName(), "contact_name");
        EventValidator.requireText(assignment.status(), "status");
    }

    public static void validateCommand(String key, MentorDetailCommand command) {
        requireKey(key);
        EventValidator.requirePresent(command, "mentor detail command");
        EventValidator.requireText(command.commandId(), "command_id");
        EventValidator.requirePresent(command.event(), "event");
        requireKeyIs(key, command.mentorId(), "mentor_id");
        EventValidator.requirePresent(command.dispatchedAt(), "dispatched_at");
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidEventException("missing record key");
        }
    }

    private static void requireKeyIs(String key, String value, String field) {
        EventValidator.requireText(value, field);
        if (!Objects.equals(key, value)) {
            throw new InvalidEventException("record key '" + key + "' is not the value's " + field + " '" + value + "'");
        }
    }
}
