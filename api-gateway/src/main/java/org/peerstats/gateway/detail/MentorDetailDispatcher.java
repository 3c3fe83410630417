package org.peerstats.gateway.detail;

import java.time.Instant;
import org.peerstats.streams.events.MentorDetailEvent;

/** Sends commands to the mentor-detail state machine. */
public interface MentorDetailDispatcher {

    /**
     * A command on its way: applied once the mentor's document records an offset at least {@code offset}.
     *
     * @param dispatchedAt the command's {@code dispatched_at} and record timestamp
     */
    record Dispatch(String commandId, long offset, Instant dispatchedAt) {
    }

    /** Writes the command and waits for the broker to take it; the topology applies it later. */
    Dispatch dispatch(String mentorId, MentorDetailEvent event);
}
