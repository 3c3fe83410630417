package org.peerstats.streams.topology;

import org.peerstats.streams.badges.BadgeDefinition;

/**
 * A task's record of one badge definition id, as last taken from the global definitions store:
 * which version (the SHA-256 of its bytes on the topic), its record timestamp, and the definition
 * in force — none when it was deleted or refused. A version is taken when its bytes differ from
 * the ones kept here: the global store, like the compacted topic, holds the last version written,
 * whatever its timestamp, and every task follows it.
 *
 * @param digest     hex SHA-256 of the version's bytes; {@code null} once deleted
 * @param timestamp  the version's record timestamp (a deletion keeps the deleted version's)
 * @param definition the definition in force, or {@code null}
 * @param rejection  why the version was refused, or {@code null}
 */
public record KnownDefinition(String digest, long timestamp, BadgeDefinition definition, String rejection) {

    static KnownDefinition inForce(String digest, long timestamp, BadgeDefinition definition) {
        return new KnownDefinition(digest, timestamp, definition, null);
    }

    static KnownDefinition refused(String digest, long timestamp, String reason) {
        return new KnownDefinition(digest, timestamp, null, reason);
    }

    KnownDefinition deleted() {
        return new KnownDefinition(null, timestamp, null, null);
    }

    /** Whether {@code digest} names the version kept here. */
    boolean is(String digest) {
        return digest.equals(this.digest);
    }
}
