package org.peerstats.streams.topology;

import org.peerstats.streams.badges.BadgeTransition;

/** What the badge processor emits: a change of an earned badge, or a definition it refused. */
sealed interface BadgeOutput {

    /** An earned badge changed (key: peer_mentor_id). */
    record Changed(BadgeTransition transition) implements BadgeOutput {
    }

    /**
     * A definition version that breaks a rule, for the dead-letter topic (key: its id), with the
     * bytes as they stand on {@code badge-definitions}.
     */
    record RefusedDefinition(byte[] originalValue) implements BadgeOutput {
    }
}
