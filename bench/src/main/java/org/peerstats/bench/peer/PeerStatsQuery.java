package org.peerstats.bench.peer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.peerstats.gateway.http.WireTime;

/**
 * One mentor's stats by one SQL statement per request, over the live (not deleted) rows of
 * {@code activities}, with peerstats' definitions (DESIGN.md section 5, architecture.md
 * "Statistics as implemented"):
 * <ul>
 *   <li>counts, distinct non-null mentees, minutes and hours (rounded half up to 2 decimals), the
 *       latest {@code occurred_at};</li>
 *   <li>days are local calendar dates of {@code occurred_at} in the organisation's zone; streaks
 *       are gaps-and-islands over the distinct days ({@code day - row_number()} is constant
 *       within a run of consecutive days); the current streak is the latest run if it ends
 *       yesterday or later as of {@code now} in that zone, else 0; {@code streak_started_at} is
 *       local midnight of its first day;</li>
 *   <li>{@code computed_at} as peerstats defines it: the record time of the latest event that
 *       changed the mentor's rows, or the local midnight at which the current streak lapsed (two
 *       days after the latest active day) when that is later and has passed.</li>
 * </ul>
 * Nothing is cached per mentor: every request reads the mentor's rows through the
 * {@code (peer_mentor_id, occurred_at)} index.
 */
public final class PeerStatsQuery {

    static final String SQL = """
            WITH m AS (
                SELECT mt.peer_mentor_id, mt.organisation_id, COALESCE(o.time_zone, ?) AS tz
                FROM mentors mt LEFT JOIN organisations o ON o.organisation_id = mt.organisation_id
                WHERE mt.peer_mentor_id = ?),
            mine AS (
                SELECT a.type, a.mentee_id, a.occurred_at, a.duration_minutes, a.deleted, a.changed_at,
                       (a.occurred_at AT TIME ZONE m.tz)::date AS day
                FROM m JOIN activities a ON a.peer_mentor_id = m.peer_mentor_id),
            totals AS (
                SELECT count(*) FILTER (WHERE NOT deleted) AS activity_count,
                       count(*) FILTER (WHERE NOT deleted AND type = 'session') AS session_count,
                       count(DISTINCT mentee_id) FILTER (WHERE NOT deleted) AS unique_mentees_count,
                       COALESCE(sum(duration_minutes) FILTER (WHERE NOT deleted), 0) AS total_minutes,
                       max(occurred_at) FILTER (WHERE NOT deleted) AS last_active_at,
                       max(changed_at) AS changed_at
                FROM mine),
            runs AS (
                SELECT min(day) AS first_day, max(day) AS last_day, count(*) AS days
                FROM (SELECT day, day - (row_number() OVER (ORDER BY day))::integer AS island
                      FROM (SELECT DISTINCT day FROM mine WHERE NOT deleted) active_days) numbered
                GROUP BY island),
            latest AS (SELECT first_day, last_day, days FROM runs ORDER BY last_day DESC LIMIT 1),
            today AS (SELECT (?::timestamptz AT TIME ZONE m.tz)::date AS day FROM m)
            SELECT m.peer_mentor_id, m.organisation_id, m.tz,
                   t.activity_count, t.session_count, t.unique_mentees_count, t.total_minutes,
                   round(t.total_minutes / 60.0, 2) AS total_hours_mentored, t.last_active_at,
                   CASE WHEN l.last_day >= today.day - 1 THEN l.days ELSE 0 END AS current_streak_days,
                   CASE WHEN l.last_day >= today.day - 1 THEN l.first_day::timestamp AT TIME ZONE m.tz
                   END AS streak_started_at,
                   COALESCE((SELECT max(days) FROM runs), 0) AS longest_streak_days,
                   GREATEST(t.changed_at, CASE WHEN l.last_day + 2 <= today.day
                                               THEN (l.last_day + 2)::timestamp AT TIME ZONE m.tz END) AS computed_at
            FROM m CROSS JOIN totals t CROSS JOIN today LEFT JOIN latest l ON true
            """;

    /**
     * The peer's stats document: the fields of peerstats' {@code GET /api/v1/peer-mentor-stats/:id}
     * (less the training completions, which the workload has none of), plus the streak fields of
     * its {@code /streak} endpoint, which the same gaps-and-islands give.
     */
    public record PeerStats(
            String peerMentorId,
            String organisationId,
            long activityCount,
            int currentStreakDays,
            long sessionCount,
            int uniqueMenteesCount,
            double totalHoursMentored,
            long totalMinutes,
            Instant lastActiveAt,
            Instant streakStartedAt,
            int longestStreakDays,
            String timeZone,
            Instant computedAt) {
    }

    private final ZoneId defaultZone;

    /** @param defaultZone for organisations with no row in {@code organisations} */
    public PeerStatsQuery(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    /** The mentor's stats as of {@code now}; empty for a mentor the tables do not know. */
    public Optional<PeerStats> stats(Connection connection, String mentorId, Instant now) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SQL)) {
            query.setString(1, defaultZone.getId());
            query.setString(2, mentorId);
            query.setObject(3, PeerIngest.utc(now));
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PeerStats(rs.getString("peer_mentor_id"), rs.getString("organisation_id"),
                        rs.getLong("activity_count"), rs.getInt("current_streak_days"), rs.getLong("session_count"),
                        rs.getInt("unique_mentees_count"), rs.getBigDecimal("total_hours_mentored").doubleValue(),
                        rs.getLong("total_minutes"), instant(rs, "last_active_at"), instant(rs, "streak_started_at"),
                        rs.getInt("longest_streak_days"), rs.getString("tz"), instant(rs, "computed_at")));
            }
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : WireTime.seconds(value.toInstant());
    }
}
