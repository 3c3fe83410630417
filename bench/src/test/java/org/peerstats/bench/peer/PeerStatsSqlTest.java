package org.peerstats.bench.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.bench.peer.PeerStatsQuery.PeerStats;
import java.time.Duration;
import org.peerstats.bench.service.KeepAliveClient;
import org.peerstats.bench.workload.TimedEvent;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.auth.TokenIssuer;
import org.peerstats.gateway.auth.TokenRules;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.serde.Json;

/**
 * The peer's SQL against a real PostgreSQL server, started as the bench starts it (Debian's
 * binaries, as the {@code postgres} user when root). If PostgreSQL cannot be installed or started,
 * this test fails: it does not skip. The expected figures are worked out by hand in the comments.
 */
class PeerStatsSqlTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** Thursday 2026-03-26, 11:00 in Oslo. */
    private static final Instant NOW = Instant.parse("2026-03-26T10:00:00Z");
    private static final byte[] SECRET = "peer-sql-test-secret-that-is-long-enough-for-hs256".getBytes(
            StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    private static PostgresServer server;
    private static final PeerStatsQuery QUERY = new PeerStatsQuery(OSLO);

    @BeforeAll
    static void loadHandWrittenActivities() throws Exception {
        server = PostgresServer.start(PostgresServer.ensureInstalled(System.out::println), dir.resolve("peer"),
                System.out::println);
        try (Connection connection = server.connect()) {
            PeerSchema.create(connection, Map.of("org-oslo", "Europe/Oslo", "org-ny", "America/New_York"));
        }
        List<TimedEvent> events = List.of(
                upsert("pm-1", "a5", ActivityType.SESSION, "m3", "2026-03-10T10:00:00Z", 15, "2026-03-10T11:00:00Z"),
                // a redelivery: identical, changes nothing (not even computed_at)
                upsert("pm-1", "a5", ActivityType.SESSION, "m3", "2026-03-10T10:00:00Z", 15, "2026-03-10T11:00:05Z"),
                upsert("pm-1", "a6", ActivityType.OTHER, "m2", "2026-03-11T10:00:00Z", 20, "2026-03-11T12:00:00Z"),
                upsert("pm-1", "a4", ActivityType.GROUP, null, "2026-03-20T10:00:00Z", 120, "2026-03-20T11:00:00Z"),
                // 23:30 in Oslo on the 23rd, and 00:30 in Oslo on the 24th: one UTC date, two local days
                upsert("pm-1", "a1", ActivityType.SESSION, "m1", "2026-03-23T22:30:00Z", 60, "2026-03-23T22:40:00Z"),
                upsert("pm-1", "a2", ActivityType.PHONE_CALL, "m2", "2026-03-23T23:30:00Z", 30, "2026-03-23T23:40:00Z"),
                upsert("pm-1", "a3", ActivityType.SESSION, "m1", "2026-03-25T08:00:00Z", 45, "2026-03-25T09:00:00Z"),
                delete("pm-1", "a4", "2026-03-25T10:00:00Z"),
                // a correction: 45 -> 90 minutes
                upsert("pm-1", "a3", ActivityType.SESSION, "m1", "2026-03-25T08:00:00Z", 90, "2026-03-25T12:00:00Z"),
                // a late redelivery of the deleted activity: a delete is final
                upsert("pm-1", "a4", ActivityType.GROUP, null, "2026-03-20T10:00:00Z", 120, "2026-03-25T13:00:00Z"),
                // New York: 23:00 on the 25th there (EDT), the 26th in UTC
                new TimedEvent("pm-2", new ActivityEvent(EventOp.UPSERT, "b1", "pm-2", "org-ny", ActivityType.SESSION,
                        "n1", Instant.parse("2026-03-26T03:00:00Z"), 50),
                        Instant.parse("2026-03-26T03:10:00Z").toEpochMilli()));
        PeerIngest.Result result = PeerIngest.run("test", server::connect, events, 3, 1);
        assertEquals(events.size(), result.events());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void countsMinutesAndMenteesLeaveOutTheDeletedActivityAndCountTheCorrectionOnce() throws Exception {
        PeerStats s = stats("pm-1", NOW);
        // live: a5 (15, session, m3), a6 (20, other, m2), a1 (60, session, m1), a2 (30, phone, m2), a3 (90, session, m1)
        assertEquals(5, s.activityCount());
        assertEquals(3, s.sessionCount());
        assertEquals(3, s.uniqueMenteesCount());
        assertEquals(215, s.totalMinutes());
        assertEquals(3.58, s.totalHoursMentored()); // 215 / 60 = 3.5833, half up to 2 decimals
        assertEquals(Instant.parse("2026-03-25T08:00:00Z"), s.lastActiveAt());
        assertEquals("org-oslo", s.organisationId());
    }

    @Test
    void streakRunsOverLocalDaysSoAnActivityAfterLocalMidnightStartsTheNextDay() throws Exception {
        PeerStats s = stats("pm-1", NOW);
        // Oslo days 10, 11 | 23, 24, 25; today is the 26th, so the run ending yesterday is current
        assertEquals(3, s.currentStreakDays());
        assertEquals(3, s.longestStreakDays());
        assertEquals(Instant.parse("2026-03-22T23:00:00Z"), s.streakStartedAt()); // local midnight of the 23rd
        // the last change is the correction; the ignored upsert and the redelivery changed nothing
        assertEquals(Instant.parse("2026-03-25T12:00:00Z"), s.computedAt());
    }

    @Test
    void currentStreakLapsesTwoDaysAfterTheLatestActiveDayAndComputedAtMovesToThatMidnight() throws Exception {
        PeerStats s = stats("pm-1", Instant.parse("2026-03-28T12:00:00Z"));
        assertEquals(0, s.currentStreakDays());
        assertNull(s.streakStartedAt());
        assertEquals(3, s.longestStreakDays());
        assertEquals(Instant.parse("2026-03-26T23:00:00Z"), s.computedAt()); // Oslo midnight starting the 27th
    }

    @Test
    void anOrganisationsOwnZoneDecidesTheDay() throws Exception {
        PeerStats s = stats("pm-2", NOW);
        // 03:00 UTC on the 26th is 23:00 on the 25th in New York; there it is now 06:00 on the 26th
        assertEquals(1, s.currentStreakDays());
        assertEquals(Instant.parse("2026-03-25T04:00:00Z"), s.streakStartedAt()); // New York midnight (EDT)
        assertEquals("America/New_York", s.timeZone());
    }

    @Test
    void batchedIngestKeepsTheEventsOrderSoTheDeleteStaysFinal() throws Exception {
        List<TimedEvent> events = List.of(
                upsert("pm-3", "c1", ActivityType.SESSION, "m3", "2026-03-10T10:00:00Z", 15, "2026-03-10T11:00:00Z"),
                upsert("pm-3", "c2", ActivityType.GROUP, null, "2026-03-20T10:00:00Z", 120, "2026-03-20T11:00:00Z"),
                delete("pm-3", "c2", "2026-03-25T10:00:00Z"),
                upsert("pm-3", "c2", ActivityType.GROUP, null, "2026-03-20T10:00:00Z", 120, "2026-03-25T13:00:00Z"),
                delete("pm-3", "c3", "2026-03-25T14:00:00Z")); // an id never seen: a tombstone, no change
        PeerIngest.Result result = PeerIngest.run("test-batched", server::connect, events, 2, 100);
        assertEquals(1, result.transactions()); // one mentor: one connection, one batch
        PeerStats s = stats("pm-3", NOW);
        assertEquals(1, s.activityCount());
        assertEquals(15, s.totalMinutes());
        assertEquals(Instant.parse("2026-03-25T10:00:00Z"), s.computedAt()); // the delete, not what came after
        assertEquals(5, stats("pm-1", NOW).activityCount());
    }

    @Test
    void theEndpointChecksTokensAsTheGatewayDoesAndHidesOtherOrganisationsMentors() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        TokenIssuer issuer = new TokenIssuer(SECRET, clock);
        try (PeerStatsServer http = new PeerStatsServer(server, 2, QUERY, SECRET, TokenRules.DEVELOPMENT, 100, clock)
                .start();
             KeepAliveClient client = new KeepAliveClient(Duration.ofSeconds(10))) {
            URI uri = URI.create("http://127.0.0.1:" + http.port() + PeerStatsServer.PATH + "pm-1");
            String admin = issuer.issue(new Principal("admin", Role.ADMIN, null, null));
            assertEquals(200, client.send(KeepAliveClient.get(uri, "Authorization", "Bearer " + admin)));
            JsonNode body = Json.mapper().readTree(client.bodyText());
            assertEquals(5, body.path("activity_count").asInt());
            assertEquals(3, body.path("current_streak_days").asInt());
            assertEquals("2026-03-25T08:00:00Z", body.path("last_active_at").asText());

            assertEquals(401, client.send(KeepAliveClient.get(uri)));
            String otherOrganisation = issuer.issue(new Principal("c", Role.COORDINATOR, "org-ny", null));
            assertEquals(404, client.send(KeepAliveClient.get(uri, "Authorization", "Bearer " + otherOrganisation)));
            String self = issuer.issue(new Principal("pm-1", Role.PEER_MENTOR, "org-oslo", "pm-1"));
            assertEquals(200, client.send(KeepAliveClient.get(uri, "Authorization", "Bearer " + self)));
            String wrongKey = new TokenIssuer("another-secret-that-is-also-long-enough-for-hs256".getBytes(
                    StandardCharsets.UTF_8), clock).issue(new Principal("admin", Role.ADMIN, null, null));
            assertEquals(401, client.send(KeepAliveClient.get(uri, "Authorization", "Bearer " + wrongKey)));
        }
    }

    private static PeerStats stats(String mentor, Instant now) throws Exception {
        try (Connection connection = server.connect()) {
            return QUERY.stats(connection, mentor, now).orElseThrow();
        }
    }

    private static TimedEvent upsert(String mentor, String id, ActivityType type, String mentee, String occurredAt,
                                     int minutes, String recordedAt) {
        return new TimedEvent(mentor, new ActivityEvent(EventOp.UPSERT, id, mentor, "org-oslo", type, mentee,
                Instant.parse(occurredAt), minutes), Instant.parse(recordedAt).toEpochMilli());
    }

    private static TimedEvent delete(String mentor, String id, String recordedAt) {
        return new TimedEvent(mentor, new ActivityEvent(EventOp.DELETE, id, mentor, null, null, null, null, null),
                Instant.parse(recordedAt).toEpochMilli());
    }
}
