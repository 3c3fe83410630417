package org.peerstats.streams.badges;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * What became of one {@link BadgeCommand}, decided by the topology and kept (for a while) under
 * (mentor, {@code command_id}) for the REST call that waits for it.
 *
 * @param earnedBadge the record as the command left it when {@link Status#APPLIED}, else {@code null}
 * @param message     why it was not applied, else {@code null}
 * @param decidedAt   the command record's timestamp (stream time decides when outcomes are purged)
 */
public record CommandOutcome(
        String commandId,
        String peerMentorId,
        Status status,
        String message,
        EarnedBadge earnedBadge,
        Instant decidedAt) {

    public enum Status {
        /** Done: the badge was awarded or revoked. */
        APPLIED("applied"),
        /** Refused: the mentor already holds the badge, or it was already revoked. */
        CONFLICT("conflict"),
        /** Refused: the mentor, the definition or the earned badge is not known. */
        NOT_FOUND("not_found");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }

    static CommandOutcome applied(BadgeCommand command, String mentorId, EarnedBadge badge, Instant at) {
        return new CommandOutcome(command.commandId(), mentorId, Status.APPLIED, null, badge, at);
    }

    static CommandOutcome refused(BadgeCommand command, String mentorId, Status status, String message, Instant at) {
        return new CommandOutcome(command.commandId(), mentorId, status, message, null, at);
    }
}
