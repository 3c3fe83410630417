package org.peerstats.streams.clock;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A {@code streak_at_risk} notification on the {@code streak-reminders} topic (key:
 * {@code peer_mentor_id}): the mentor's current streak ended yesterday and breaks at
 * {@link #breaksAt} unless they log an activity today. At most one per mentor and local day.
 *
 * @param eventId          deterministic: {@link #eventIdOf(String, LocalDate)}, so a consumer
 *                         drops a reminder it has seen (a replay re-sends the latest day's)
 * @param streakStartedAt  the start of the streak's first day in the organisation's zone
 * @param reminderDate     the local day the reminder is for (the day to log something on)
 * @param breaksAt         the start of the next local day, when the streak ends
 * @param occurredAt       the timestamp of the reminder tick
 */
public record StreakReminder(
        String eventId,
        Type type,
        String peerMentorId,
        String organisationId,
        int currentStreakDays,
        Instant streakStartedAt,
        LocalDate reminderDate,
        Instant breaksAt,
        Instant occurredAt) {

    /** The one type of this topic; a field of its own so consumers can route on it like on badge notifications. */
    public enum Type {
        STREAK_AT_RISK("streak_at_risk");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }

    /** The id of the reminder of {@code mentorId} on {@code reminderDate}: a name-based UUID. */
    public static String eventIdOf(String mentorId, LocalDate reminderDate) {
        return UUID.nameUUIDFromBytes(("streak_at_risk|" + mentorId + "|" + reminderDate)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
