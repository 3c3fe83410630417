package org.peerstats.streams.events;

import java.time.Instant;

/**
 * A command to the mentor-detail state machine, dispatched by the REST layer on the internal
 * {@code mentor-detail-commands} topic (key: {@code mentor_id}). The topology applies it at the
 * record's timestamp, which the dispatcher sets to {@code dispatched_at}.
 *
 * @param commandId unique per dispatch, for tracing a command to its outcome
 */
public record MentorDetailCommand(
        String commandId,
        MentorDetailEvent event,
        String mentorId,
        Instant dispatchedAt) {
}
