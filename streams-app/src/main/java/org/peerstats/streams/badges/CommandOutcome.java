package org.peerstats.streams.badges;

import java.time.Instant;
import org.peerstats.streams.events.CommandStatus;

/**
 * What became of one {@link BadgeCommand}, decided by the topology and kept (for a while) under
 * (mentor, {@code command_id}) for the REST call that waits for it.
 *
 * @param earnedBadge the record as the command left it when {@link CommandStatus#APPLIED}, else {@code null}
 * @param message     why it was not applied, else {@code null}
 * @param decidedAt   the command record's timestamp (stream time decides when outcomes are purged)
 */
public record CommandOutcome(
        String commandId,
        String peerMentorId,
        CommandStatus status,
        String message,
        EarnedBadge earnedBadge,
        Instant decidedAt) {

    static CommandOutcome applied(BadgeCommand command, String mentorId, EarnedBadge badge, Instant at) {
        return new CommandOutcome(command.commandId(), mentorId, CommandStatus.APPLIED, null, badge, at);
    }

    static CommandOutcome refused(BadgeCommand command, String mentorId, CommandStatus status, String message, Instant at) {
        return new CommandOutcome(command.commandId(), mentorId, status, message, null, at);
    }
}
