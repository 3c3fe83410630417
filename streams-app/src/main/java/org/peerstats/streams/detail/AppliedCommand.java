package org.peerstats.streams.detail;

import java.time.Instant;
import org.peerstats.streams.events.CommandStatus;
import org.peerstats.streams.events.MentorDetailEvent;

/**
 * The last command applied to a mentor's detail, so a dispatcher can wait for its own command:
 * commands of one mentor share a partition, so once {@code offset} has reached the offset its
 * command was written at, that command has been applied.
 *
 * @param offset    the command record's offset in the {@code mentor-detail-commands} partition
 * @param appliedAt the command record's timestamp
 */
public record AppliedCommand(String commandId, MentorDetailEvent event, CommandStatus outcome, long offset,
                             Instant appliedAt) {
}
