package org.peerstats.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.auth.TokenIssuer;
import org.peerstats.gateway.auth.TokenRules;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;

/**
 * The whole service on a real embedded KRaft broker: events produced with a real producer, stats
 * read over real HTTP. "Now" is fixed at 2026-03-26 12:00 UTC (13:00 in Oslo).
 */
class StatsServiceIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-26T12:00:00Z");
    private static final String OSLO = "org-nhf-oslo";
    private static final String BERGEN = "org-lhl-bergen";

    @TempDir
    static Path dataDir;
    private static ServiceHarness harness;
    private static String admin;

    @BeforeAll
    static void start() {
        harness = ServiceHarness.onOwnBroker(dataDir, "peerstats-it", Clock.fixed(NOW, ZoneOffset.UTC));
        admin = harness.token(Role.ADMIN, null, null);
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static ActivityEvent activity(String mentor, String id, ActivityType type, String occurredAt, int minutes,
                                          String mentee) {
        return new ActivityEvent(EventOp.UPSERT, id, mentor, OSLO, type, mentee, Instant.parse(occurredAt), minutes);
    }

    private static String stats(String mentor) {
        return "/api/v1/peer-mentor-stats/" + mentor;
    }

    @Test
    void lateGapFillerCorrectionDeleteAndRedeliveryGiveExactlyTheDefinedNumbers() {
        String m = "pm-it-streak";
        Instant logged = NOW.minus(Duration.ofHours(1));
        harness.send(activity(m, "a1", ActivityType.SESSION, "2026-03-20T10:00:00Z", 60, "m1"), logged);
        harness.send(activity(m, "a2", ActivityType.SESSION, "2026-03-21T10:00:00Z", 30, "m2"), logged);
        harness.send(activity(m, "a4", ActivityType.PHONE_CALL, "2026-03-23T10:00:00Z", 45, "m1"), logged);
        harness.send(activity(m, "a5", ActivityType.SESSION, "2026-03-24T10:00:00Z", 15, "m3"), logged);
        harness.send(activity(m, "a6", ActivityType.SESSION, "2026-03-25T17:20:00Z", 30, "m1"), logged);

        harness.awaitGet(stats(m) + "/activity-count", admin, r -> r.hasField("activity_count", 5));
        JsonNode streak = harness.get(stats(m) + "/streak", admin).json();
        assertEquals(3, streak.get("current_streak_days").asInt());
        assertEquals("2026-03-22T23:00:00Z", streak.get("streak_started_at").asText());
        assertEquals(3, streak.get("longest_streak_days").asInt());

        // A late activity on the 22nd fills the gap: 20..25 is one run of six days.
        harness.send(activity(m, "a3", ActivityType.GROUP, "2026-03-22T09:00:00Z", 60, null), logged.plusSeconds(1));
        streak = harness.awaitGet(stats(m) + "/streak", admin, r -> r.hasField("current_streak_days", 6)).json();
        assertEquals("2026-03-19T23:00:00Z", streak.get("streak_started_at").asText());
        assertEquals(6, streak.get("longest_streak_days").asInt());

        // A correction: a5 was a 75-minute phone call, not a 15-minute session.
        harness.send(activity(m, "a5", ActivityType.PHONE_CALL, "2026-03-24T10:00:00Z", 75, "m3"), logged.plusSeconds(2));
        JsonNode corrected = harness.awaitGet(stats(m), admin, r -> r.hasField("session_count", 3)).json();
        assertEquals(6, corrected.get("activity_count").asInt());
        assertEquals(5.0, corrected.get("total_hours_mentored").asDouble());

        // A delete of the 21st splits the run: 20 | 22..25.
        Instant deletedAt = logged.plusSeconds(3);
        harness.send(new ActivityEvent(EventOp.DELETE, "a2", m, null, null, null, null, null), deletedAt);
        JsonNode afterDelete = harness.awaitGet(stats(m), admin, r -> r.hasField("activity_count", 5)).json();

        // A redelivered event changes nothing: wait for a later event of another mentor, then compare.
        harness.send(activity(m, "a6", ActivityType.SESSION, "2026-03-25T17:20:00Z", 30, "m1"), logged.plusSeconds(4));
        harness.send(activity("pm-it-marker", "x1", ActivityType.SESSION, "2026-03-25T10:00:00Z", 10, null),
                logged.plusSeconds(5));
        harness.awaitGet(stats("pm-it-marker"), admin, r -> r.hasField("activity_count", 1));

        JsonNode finalStats = harness.get(stats(m), admin).json();
        assertEquals(afterDelete, finalStats);
        assertEquals(m, finalStats.get("peer_mentor_id").asText());
        assertEquals(OSLO, finalStats.get("organisation_id").asText());
        assertEquals(5, finalStats.get("activity_count").asInt());
        assertEquals(2, finalStats.get("session_count").asInt());
        assertEquals(2, finalStats.get("unique_mentees_count").asInt());
        assertEquals(4.5, finalStats.get("total_hours_mentored").asDouble());
        assertEquals(4, finalStats.get("current_streak_days").asInt());
        assertEquals(0, finalStats.get("training_completion_count").asInt());
        assertEquals("2026-03-25T17:20:00Z", finalStats.get("last_active_at").asText());
        assertEquals(deletedAt.toString(), finalStats.get("computed_at").asText());
        JsonNode finalStreak = harness.get(stats(m) + "/streak", admin).json();
        assertEquals(4, finalStreak.get("longest_streak_days").asInt());
        assertEquals("2026-03-21T23:00:00Z", finalStreak.get("streak_started_at").asText());

        JsonNode march = harness.get(stats(m) + "/activity-count?period=month&date=2026-03-10", admin).json();
        assertEquals(5, march.get("activity_count").asInt());
        assertEquals(2, march.get("session_count").asInt());
        assertEquals(270, march.get("total_minutes").asInt());
        assertEquals("2026-02-28T23:00:00Z", march.get("period_start").asText());
        assertEquals("2026-03-31T22:00:00Z", march.get("period_end").asText());
        JsonNode week = harness.get(stats(m) + "/activity-count?period=week&date=2026-03-20", admin).json();
        assertEquals(2, week.get("activity_count").asInt(), "Mon 16 .. Sun 22 March holds a1 and a3: " + week);
        assertEquals(1, week.get("session_count").asInt());
        assertEquals(120, week.get("total_minutes").asInt());
        assertEquals("2026-03-15T23:00:00Z", week.get("period_start").asText());
    }

    @Test
    void requestsWithoutAValidTokenGet401WithTheJsonErrorShape() {
        ServiceHarness.Response missing = harness.get(stats("pm-anyone"), null);
        assertEquals(401, missing.status());
        assertEquals("unauthorized", missing.json().at("/error/code").asText());
        assertEquals(401, missing.json().at("/error/status").asInt());
        assertEquals("Bearer", missing.header("WWW-Authenticate").orElseThrow());

        ServiceHarness.Response forged = harness.get(stats("pm-anyone"), admin.substring(0, admin.length() - 3) + "abc");
        assertEquals(401, forged.status());
        assertEquals("invalid signature", forged.json().at("/error/message").asText());

        // signed with the right secret, but not by the configured issuer, or not for this audience
        byte[] secret = ServiceHarness.SECRET.getBytes(StandardCharsets.UTF_8);
        Principal system = new Principal("elsewhere", Role.SYSTEM, null, null);
        String otherIssuer = new TokenIssuer(secret, new TokenRules(Optional.of("another-issuer"),
                Optional.of(ServiceHarness.AUDIENCE), TokenRules.DEFAULT_MAX_LIFETIME), harness.clock).issue(system);
        String otherAudience = new TokenIssuer(secret, new TokenRules(Optional.of(ServiceHarness.ISSUER),
                Optional.of("another-service"), TokenRules.DEFAULT_MAX_LIFETIME), harness.clock).issue(system);
        ServiceHarness.Response wrongIssuer = harness.get(stats("pm-anyone"), otherIssuer);
        assertEquals(401, wrongIssuer.status());
        assertEquals("wrong issuer", wrongIssuer.json().at("/error/message").asText());
        ServiceHarness.Response wrongAudience = harness.get(stats("pm-anyone"), otherAudience);
        assertEquals(401, wrongAudience.status());
        assertEquals("wrong audience", wrongAudience.json().at("/error/message").asText());
    }

    @Test
    void organisationsAreIsolatedAndWhatACallerMayNotSeeAnswersAsAnUnknownMentorDoes() {
        String osloMentor = "pm-it-oslo";
        harness.send(activity(osloMentor, "o1", ActivityType.SESSION, "2026-03-25T09:00:00Z", 30, null), NOW);
        harness.awaitGet(stats(osloMentor), admin, r -> r.hasField("activity_count", 1));

        assertEquals(200, harness.get(stats(osloMentor), harness.token(Role.COORDINATOR, OSLO, null)).status());
        String bergenCoordinator = harness.token(Role.COORDINATOR, BERGEN, null);
        assertSameAsUnknown(harness.get(stats(osloMentor), bergenCoordinator), osloMentor,
                harness.get(stats("pm-it-nobody"), bergenCoordinator), "pm-it-nobody");
        assertEquals(404, harness.get(stats(osloMentor) + "/streak", harness.token(Role.ADMIN, BERGEN, null)).status());

        assertEquals(200, harness.get(stats(osloMentor), harness.token(Role.PEER_MENTOR, OSLO, osloMentor)).status());
        String someoneElse = harness.token(Role.PEER_MENTOR, OSLO, "pm-someone-else");
        assertSameAsUnknown(harness.get(stats(osloMentor), someoneElse), osloMentor,
                harness.get(stats("pm-it-nobody"), someoneElse), "pm-it-nobody");
        assertEquals(200, harness.get(stats(osloMentor), harness.token(Role.SYSTEM, null, null)).status());
    }

    /** The answer about a mentor the caller may not see equals the one about an unknown id, but for the id. */
    private static void assertSameAsUnknown(ServiceHarness.Response hidden, String hiddenId,
                                            ServiceHarness.Response unknown, String unknownId) {
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals(unknown.status(), hidden.status(), hidden.body());
        assertEquals(unknown.body().replace(unknownId, "ID"), hidden.body().replace(hiddenId, "ID"));
    }

    @Test
    void unknownMentorIs404AndBadParametersAre400() {
        ServiceHarness.Response unknown = harness.get(stats("pm-nobody"), admin);
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.json().at("/error/code").asText());

        String m = "pm-it-params";
        harness.send(activity(m, "p1", ActivityType.SESSION, "2026-03-25T09:00:00Z", 30, null), NOW);
        harness.awaitGet(stats(m), admin, r -> r.hasField("activity_count", 1));

        ServiceHarness.Response badPeriod = harness.get(stats(m) + "/activity-count?period=fortnight", admin);
        assertEquals(400, badPeriod.status());
        assertEquals("period must be one of day|week|month|year, not 'fortnight'",
                badPeriod.json().at("/error/message").asText());
        ServiceHarness.Response badDate = harness.get(stats(m) + "/activity-count?period=day&date=26.03.2026", admin);
        assertEquals(400, badDate.status());
        assertEquals(400, harness.get(stats(m) + "/activity-series?from=2026-03-10&to=2026-03-01", admin).status());
        assertEquals(400, harness.get(stats(m) + "/activity-series?granularity=day&from=2020-01-01&to=2026-03-01",
                admin).status());
        assertEquals(404, harness.get("/api/v1/no-such-thing", admin).status());
    }

    @Test
    void activitySeriesHasOnePointPerLocalDayIncludingEmptyOnes() {
        String m = "pm-it-series";
        harness.send(activity(m, "s1", ActivityType.SESSION, "2026-03-23T08:00:00Z", 30, null), NOW);
        harness.send(activity(m, "s2", ActivityType.PHONE_CALL, "2026-03-25T23:30:00Z", 20, null), NOW); // 00:30 on the 26th in Oslo (UTC+1)
        harness.awaitGet(stats(m), admin, r -> r.hasField("activity_count", 2));

        JsonNode series = harness.get(stats(m) + "/activity-series?granularity=day&from=2026-03-23&to=2026-03-26",
                admin).json();
        List<Integer> counts = new ArrayList<>();
        series.get("series").forEach(point -> counts.add(point.get("activity_count").asInt()));
        assertEquals(List.of(1, 0, 0, 1), counts);
        assertEquals("2026-03-25T23:00:00Z", series.get("series").get(3).get("period_start").asText());
        assertEquals("Europe/Oslo", series.get("time_zone").asText());
    }

    @Test
    void aMentorWhoseEventsWereProducedWithAnotherPartitionerIsStillFoundOnASingleInstance() {
        String m = "pm-it-elsewhere";
        int byDefault = Utils.toPositive(Utils.murmur2(m.getBytes(StandardCharsets.UTF_8))) % 3;
        harness.sendToPartition(activity(m, "e1", ActivityType.SESSION, "2026-03-23T08:00:00Z", 30, null),
                (byDefault + 1) % 3, NOW);

        harness.awaitGet(stats(m), admin, r -> r.hasField("activity_count", 1));
        JsonNode series = harness.get(stats(m) + "/activity-series?granularity=day&from=2026-03-22&to=2026-03-23",
                admin).json();
        assertEquals(1, series.get("series").get(1).get("activity_count").asInt());
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirBytesAndHeadersAndAreCounted() {
        String m = "pm-it-dlq";
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        byte[] wrongKey = ("{\"op\":\"upsert\",\"activity_id\":\"k1\",\"peer_mentor_id\":\"pm-other\","
                + "\"organisation_id\":\"" + OSLO + "\",\"type\":\"session\",\"occurred_at\":\"2026-03-25T10:00:00Z\","
                + "\"duration_minutes\":30}").getBytes(StandardCharsets.UTF_8);
        harness.sendRaw(harness.topics.activities().name(), m, garbage, NOW);
        harness.sendRaw(harness.topics.activities().name(), m, wrongKey, NOW);
        harness.send(activity(m, "ok1", ActivityType.SESSION, "2026-03-25T10:00:00Z", 30, null), NOW);
        assertEquals(200, harness.awaitGet(stats(m), admin, r -> r.hasField("activity_count", 1)).status());

        List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(m, 2);
        assertEquals(2, dead.size(), "dead letters for " + m);
        assertEquals("{not json", new String(dead.get(0).value(), StandardCharsets.UTF_8));
        assertEquals(harness.topics.activities().name(), header(dead.get(0), "__streams.errors.topic"));
        assertTrue(header(dead.get(0), "__streams.errors.message").startsWith("not a valid ActivityEvent"));
        assertEquals(new String(wrongKey, StandardCharsets.UTF_8), new String(dead.get(1).value(), StandardCharsets.UTF_8));
        assertEquals("record key 'pm-it-dlq' is not the value's peer_mentor_id 'pm-other'",
                header(dead.get(1), "__streams.errors.message"));
        assertTrue(header(dead.get(1), "__streams.errors.offset").matches("\\d+"));

        String metrics = harness.get("/metrics", null).body();
        assertTrue(metrics.contains("peerstats_dead_letters_total{stage=\"deserialization\""), metrics);
        assertTrue(metrics.contains("peerstats_dead_letters_total{stage=\"processing\""), metrics);
    }

    @Test
    void recordsOverTheBoundsAreDeadLetteredAndEveryOtherMentorKeepsAnswering() {
        String big = "pm-it-big";
        String other = "pm-it-neighbour";
        harness.send(activity(other, "n1", ActivityType.SESSION, "2026-03-25T10:00:00Z", 30, "m1"), NOW);
        harness.send(activity(big, "b0", ActivityType.SESSION, "2026-03-25T09:00:00Z", 30, "m0"), NOW);
        // Each well within the broker's limit; together they once made the mentor's state record 1.08 MB.
        for (int i = 1; i <= 18; i++) {
            String mentee = String.format("%02d", i) + "m".repeat(60 * 1024);
            harness.send(activity(big, "b" + i, ActivityType.SESSION, "2026-03-25T10:00:00Z", 30, mentee), NOW);
        }
        harness.send(activity(big, "b-1900", ActivityType.SESSION, "1900-01-01T10:00:00Z", 30, null), NOW);
        harness.send(activity(big, "b-last", ActivityType.SESSION, "2026-03-25T11:00:00Z", 30, "m0"), NOW);
        harness.send(activity(other, "n2", ActivityType.SESSION, "2026-03-25T11:00:00Z", 30, "m1"), NOW);

        assertEquals(200, harness.awaitGet(stats(big), admin, r -> r.hasField("activity_count", 2)).status());
        assertEquals(200, harness.awaitGet(stats(other), admin, r -> r.hasField("activity_count", 2)).status());
        List<ConsumerRecord<byte[], byte[]>> dead = readDeadLetters(big, 19);
        assertEquals(19, dead.size(), "18 large mentee ids and one activity dated 1900");
        assertTrue(header(dead.get(0), "__streams.errors.message").startsWith("mentee_id is 61442 characters long; "
                + "the limit is 100"), header(dead.get(0), "__streams.errors.message"));
        assertEquals("occurred_at 1900-01-01T10:00:00Z is before 2000-01-01T00:00:00Z, the earliest time taken",
                header(dead.get(18), "__streams.errors.message"));
        assertEquals(200, harness.get("/health/ready", null).status());
    }

    @Test
    void aLateEventOfAnotherOrganisationDoesNotMoveAMentorAndAnActivityHasOneOwner() {
        String kari = "pm-it-owner-kari";
        String ole = "pm-it-owner-ole";
        harness.send(activity(kari, "shared-1", ActivityType.SESSION, "2026-03-25T10:00:00Z", 30, null), NOW);
        harness.send(new ActivityEvent(EventOp.UPSERT, "late-1", kari, BERGEN, ActivityType.SESSION, null,
                Instant.parse("2026-03-24T10:00:00Z"), 15), NOW);
        assertEquals(200, harness.awaitGet(stats(kari), admin, r -> r.hasField("activity_count", 2)).status());
        assertEquals(OSLO, harness.get(stats(kari), admin).json().get("organisation_id").asText(),
                "the late event named Bergen; Kari stays in Oslo");
        String bergenCoordinator = harness.token(Role.COORDINATOR, BERGEN, null);
        assertEquals(404, harness.get(stats(kari), bergenCoordinator).status(), "Bergen does not see Kari");

        harness.send(activity(ole, "shared-1", ActivityType.SESSION, "2026-03-25T10:00:00Z", 30, null),
                NOW.plusSeconds(1));
        assertEquals(200, harness.awaitGet(stats(ole), admin, r -> r.hasField("activity_count", 1)).status());
        assertEquals(200, harness.awaitGet(stats(kari), admin, r -> r.hasField("activity_count", 1)).status(),
                "moved: counted for Ole only");

        String metrics = harness.get("/metrics", null).body();
        assertTrue(metrics.contains("peerstats_input_anomalies_total{input=\"activities\",kind=\"organisation_mismatch\"}"),
                metrics);
    }

    @Test
    void healthAndApiDescriptionArePublic() {
        ServiceHarness.Response ready = harness.get("/health/ready", null);
        assertEquals(200, ready.status());
        assertEquals("RUNNING", ready.json().get("streams_state").asText());
        assertEquals("up", harness.get("/health/live", null).json().get("status").asText());
        JsonNode openApi = harness.get("/openapi.json", null).json();
        assertTrue(openApi.at("/paths").has("/api/v1/peer-mentor-stats/{peer_mentor_id}/streak"));
    }

    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(String key, int expected) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(harness.topics.deadLetter().name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        found.add(record);
                    }
                });
            }
        }
        found.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        return found;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
