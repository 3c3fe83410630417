package org.peerstats.streams.topology;

import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.stats.MentorStats;

/**
 * The three things the badge processor reacts to, merged into one stream so that one processor
 * (with one in-memory copy of the definitions) handles them in their order of arrival. Never
 * serialized: the merge and the processor are in one sub-topology.
 */
sealed interface BadgeInput {

    /** A mentor's stats changed (key: peer_mentor_id). */
    record StatsChanged(MentorStats stats) implements BadgeInput {
    }

    /** A definition was added or changed, or deleted when {@code definition} is null (key: its id). */
    record DefinitionChanged(BadgeDefinition definition) implements BadgeInput {
    }

    /** A manual award or revocation (key: peer_mentor_id). */
    record CommandReceived(BadgeCommand command) implements BadgeInput {
    }
}
