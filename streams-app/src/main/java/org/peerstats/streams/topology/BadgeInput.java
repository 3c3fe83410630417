package org.peerstats.streams.topology;

import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.stats.DayChanges;
import org.peerstats.streams.stats.MentorStats;

/**
 * What the badge processor reacts to, merged into one stream so that one processor handles them
 * in their order of arrival. Never serialized: the merge and the processor are in one sub-topology.
 */
sealed interface BadgeInput {

    /** A mentor's stats changed, on the days {@code days} (key: peer_mentor_id). */
    record StatsChanged(MentorStats stats, DayChanges days) implements BadgeInput {
    }

    /** A profile moved the mentor to another organisation; {@code stats} are in the new one (key: peer_mentor_id). */
    record OrganisationChanged(MentorStats stats) implements BadgeInput {
    }

    /** A definition changed in this task (key: the definition id). */
    record DefinitionChanged(MentorInput.DefinitionChanged change) implements BadgeInput {
    }

    /** A manual award or revocation (key: peer_mentor_id). */
    record CommandReceived(BadgeCommand command) implements BadgeInput {
    }
}
