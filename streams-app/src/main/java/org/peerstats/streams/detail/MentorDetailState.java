package org.peerstats.streams.detail;

import java.time.Instant;

/**
 * The state machine's record of one mentor, as kept in the {@code mentor-detail-state} store.
 *
 * @param snapshot         the loaded detail, or null unless {@code phase} is {@link MentorDetailPhase#LOADED}
 * @param loadedAt         when the snapshot was taken (the command record's timestamp), or null
 * @param previousLoadedAt the {@code loadedAt} that a refresh replaced, or null
 * @param lastCommand      the last command applied, or null before the first
 */
public record MentorDetailState(
        MentorDetailPhase phase,
        MentorDetailSnapshot snapshot,
        Instant loadedAt,
        Instant previousLoadedAt,
        AppliedCommand lastCommand) {

    public static final MentorDetailState INITIAL = new MentorDetailState(MentorDetailPhase.INITIAL, null, null, null,
            null);

    MentorDetailState withLastCommand(AppliedCommand command) {
        return new MentorDetailState(phase, snapshot, loadedAt, previousLoadedAt, command);
    }
}
