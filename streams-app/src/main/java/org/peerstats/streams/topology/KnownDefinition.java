package org.peerstats.streams.topology;

import org.peerstats.streams.badges.BadgeDefinition;

/**
 * A task's record of one badge definition id, as last taken from the global definitions store:
 * the version's record timestamp and the definition in force, or none when it was deleted or
 * refused. A version is taken only when its timestamp is newer than the one kept here, so an
 * instance whose global store lags cannot bring an older version back.
 *
 * @param timestamp  the definition record's timestamp (for a deletion: when this task saw it gone)
 * @param definition the definition in force, or {@code null}
 * @param rejection  why the version was refused, or {@code null}
 */
public record KnownDefinition(long timestamp, BadgeDefinition definition, String rejection) {

    static KnownDefinition inForce(long timestamp, BadgeDefinition definition) {
        return new KnownDefinition(timestamp, definition, null);
    }

    static KnownDefinition deleted(long timestamp) {
        return new KnownDefinition(timestamp, null, null);
    }

    static KnownDefinition refused(long timestamp, String reason) {
        return new KnownDefinition(timestamp, null, reason);
    }
}
