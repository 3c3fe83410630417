package org.peerstats.bench.peer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The peer's tables, as a team would write them for a web backend that stores each activity
 * event and computes the stats on request:
 * <ul>
 *   <li>{@code organisations}: each organisation's time zone (peerstats'
 *       {@code PEERSTATS_ORGANISATION_TIME_ZONES}; an organisation not listed counts its days in
 *       the default zone, passed with each query);</li>
 *   <li>{@code mentors}: each mentor's organisation — the first event's, as in peerstats when no
 *       profile exists (the workload has none), never moved by a later event;</li>
 *   <li>{@code activities}: one row per activity id, its latest version; a delete keeps the row as
 *       a tombstone ({@code deleted}), so that a later or redelivered upsert cannot resurrect it;
 *       {@code changed_at} is the record time of the last event that changed the row (null for
 *       the tombstone of an id never seen), from which the document's {@code computed_at}
 *       follows.</li>
 * </ul>
 * Indexes: the primary keys, and {@code (peer_mentor_id, occurred_at)} for the per-mentor reads.
 */
public final class PeerSchema {

    static final String DDL = """
            DROP TABLE IF EXISTS activities, mentors, organisations;
            CREATE TABLE organisations (
                organisation_id text PRIMARY KEY,
                time_zone       text NOT NULL
            );
            CREATE TABLE mentors (
                peer_mentor_id  text PRIMARY KEY,
                organisation_id text NOT NULL
            );
            CREATE TABLE activities (
                activity_id      text PRIMARY KEY,
                peer_mentor_id   text NOT NULL,
                organisation_id  text,
                type             text CHECK (type IN ('session', 'phone_call', 'group', 'other')),
                mentee_id        text,
                occurred_at      timestamptz,
                duration_minutes integer CHECK (duration_minutes BETWEEN 0 AND 1440),
                deleted          boolean NOT NULL DEFAULT false,
                changed_at       timestamptz,
                CHECK (deleted OR (type IS NOT NULL AND occurred_at IS NOT NULL AND duration_minutes IS NOT NULL))
            );
            CREATE INDEX activities_mentor_occurred ON activities (peer_mentor_id, occurred_at);
            """;

    private PeerSchema() {
    }

    /** Drops and creates the tables, and lists each organisation's zone. */
    public static void create(Connection connection, Map<String, String> zoneByOrganisation) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(DDL);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO organisations (organisation_id, time_zone) VALUES (?, ?)")) {
            for (Map.Entry<String, String> zone : zoneByOrganisation.entrySet()) {
                insert.setString(1, zone.getKey());
                insert.setString(2, zone.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Empties the mentors and activities (between two ingest runs); the organisations stay. */
    public static void truncate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE activities, mentors");
        }
    }

    /** Updates the planner's statistics and the visibility map, as autovacuum would in a running system. */
    public static void vacuumAnalyze(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE");
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
