package org.peerstats.gateway.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.gateway.ServiceHarness.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.auth.Role;
import org.peerstats.streams.Topics;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Badges and streaks that follow time, on a real broker with two instances of one application,
 * everything produced as kcat produces it by default (librdkafka's CRC32 placement): windowed and
 * combined definitions written to {@code badge-definitions} at run time, activities and
 * deletes, the instances' own midnight ticks, and a reminder tick written by hand (reminders are
 * off by default, so the first reminder tick of the day is this one). A tick reaches every task:
 * the reminded mentors are spread over the partitions.
 */
class TimeFollowingFieldIntegrationTest {

    private static final ZoneId ZONE = OrganisationZones.DEFAULT_ZONE;
    private static final String ORG = "org-time";
    private static final String CHECK = "/api/v1/earned-badges/check?peer_mentor_id=";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static FieldCluster broker;
    private static ServiceHarness a;
    private static ServiceHarness b;
    private static String admin;
    private static Instant now;
    private static LocalDate today;

    @BeforeAll
    static void start() throws InterruptedException {
        awayFromMidnight();
        String appId = "peerstats-time-" + UUID.randomUUID();
        broker = FieldCluster.open(dir.resolve("broker"));
        Map<String, String> env = Map.of("PEERSTATS_TOPIC_PARTITIONS", "4");
        Clock clock = Clock.systemUTC();
        a = new ServiceHarness(broker.bootstrapServers(), dir.resolve("a"), appId, clock, env);
        b = new ServiceHarness(broker.bootstrapServers(), dir.resolve("b"), appId, clock, env);
        admin = a.token(Role.ADMIN, null, null);
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        today = now.atZone(ZONE).toLocalDate();
    }

    /** A day's ticks are the test's subject: it does not start in the last two minutes of an Oslo day. */
    private static void awayFromMidnight() throws InterruptedException {
        LocalTime local = LocalTime.now(ZONE);
        if (local.isAfter(LocalTime.of(23, 58))) {
            Thread.sleep(Duration.between(local, LocalTime.MAX).toMillis() + 5_000);
        }
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        broker.close();
    }

    private static String activity(String mentor, String id, LocalDate day, String type) {
        return "{\"op\":\"upsert\",\"activity_id\":\"" + id + "\",\"peer_mentor_id\":\"" + mentor
                + "\",\"organisation_id\":\"" + ORG + "\",\"type\":\"" + type + "\",\"mentee_id\":\"me-" + id
                + "\",\"occurred_at\":\"" + day.atTime(10, 0).atZone(ZONE).toInstant() + "\",\"duration_minutes\":30}";
    }

    private static void send(String topic, String key, String json, Instant recordTime) {
        try (FieldProducer kcat = broker.producer()) {
            kcat.send(topic, key, json, recordTime);
        }
    }

    private static boolean earned(ServiceHarness on, String mentor, String definition) {
        return a.awaitHttp(on.service.httpPort(), CHECK + mentor + "&badge_definition_id=" + definition, admin,
                r -> r.status() == 200).json().get("has_earned").asBoolean();
    }

    /** Waits until both instances answer {@code expected} for the mentor and definition. */
    private static void awaitEarned(String mentor, String definition, boolean expected) {
        Predicate<ServiceHarness.Response> done = r -> r.status() == 200
                && r.json().get("has_earned").asBoolean() == expected;
        for (ServiceHarness on : List.of(a, b)) {
            a.awaitHttp(on.service.httpPort(), CHECK + mentor + "&badge_definition_id=" + definition, admin, done);
            assertEquals(expected, earned(on, mentor, definition), mentor + " " + definition + " on " + on);
        }
    }

    private static List<JsonNode> committed(String topic) {
        return ServiceHarness.readCommitted(a.bootstrapServers(), topic).stream().map(ConsumerRecord::value)
                .map(TimeFollowingFieldIntegrationTest::json).toList();
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aWeeklyDefinitionProducedAtRunTimeIsAwardedForThreeInOneWeekNotThreeWeeksAndADeleteRevokesIt() {
        Topics topics = a.topics;
        send(topics.badgeDefinitions().name(), "bdg-field-week", "{\"id\":\"bdg-field-week\",\"name\":\"Busy Week\","
                + "\"revocable\":true,\"criteria\":{\"metric\":\"activity_count\",\"min\":3,\"period\":\"week\"}}", now);
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(3);
        try (FieldProducer kcat = broker.producer()) {
            kcat.send(topics.activities().name(), "pm-week-one", activity("pm-week-one", "w1-a", monday, "session"), now);
            kcat.send(topics.activities().name(), "pm-week-one", activity("pm-week-one", "w1-b", monday.plusDays(2),
                    "phone_call"), now);
            kcat.send(topics.activities().name(), "pm-week-one", activity("pm-week-one", "w1-c", monday.plusDays(6),
                    "session"), now);
            kcat.send(topics.activities().name(), "pm-week-three", activity("pm-week-three", "w3-a", monday.minusDays(1),
                    "session"), now);
            kcat.send(topics.activities().name(), "pm-week-three", activity("pm-week-three", "w3-b", monday, "session"),
                    now);
            kcat.send(topics.activities().name(), "pm-week-three", activity("pm-week-three", "w3-c", monday.plusDays(7),
                    "session"), now);
        }
        awaitEarned("pm-week-one", "bdg-field-week", true);
        a.awaitHttp(a.service.httpPort(), "/api/v1/peer-mentor-stats/pm-week-three", admin,
                r -> r.hasField("activity_count", 3));
        awaitEarned("pm-week-three", "bdg-field-week", false);

        send(topics.activities().name(), "pm-week-one", "{\"op\":\"delete\",\"activity_id\":\"w1-b\","
                + "\"peer_mentor_id\":\"pm-week-one\"}", now.plusSeconds(1));
        awaitEarned("pm-week-one", "bdg-field-week", false);
        assertEquals(List.of("badge_awarded", "badge_revoked Criteria no longer met — activity_count in one week is at "
                + "most 2, below 3"), transitions("pm-week-one", "bdg-field-week"));
        assertEquals(List.of(), transitions("pm-week-three", "bdg-field-week"));
    }

    @Test
    void anAllOfDefinitionIsAwardedOnlyWhenBothPartsHold() {
        Topics topics = a.topics;
        send(topics.badgeDefinitions().name(), "bdg-field-both", "{\"id\":\"bdg-field-both\",\"name\":\"First Session "
                + "and Well Trained\",\"revocable\":true,\"criteria\":{\"all_of\":[{\"metric\":\"session_count\","
                + "\"min\":1},{\"metric\":\"training_completion_count\",\"min\":1}]}}", now);
        send(topics.activities().name(), "pm-both", activity("pm-both", "b-1", today.minusDays(3), "session"), now);
        a.awaitHttp(b.service.httpPort(), "/api/v1/peer-mentor-stats/pm-both", admin, r -> r.hasField("session_count", 1));
        awaitEarned("pm-both", "bdg-field-both", false);

        send(topics.trainingCompletions().name(), "pm-both", "{\"peer_mentor_id\":\"pm-both\",\"organisation_id\":\""
                + ORG + "\",\"module_id\":\"mod-1\",\"completed_at\":\"" + now + "\",\"op\":\"upsert\"}", now);
        awaitEarned("pm-both", "bdg-field-both", true);
    }

    @Test
    void aStreakThatEndedBeforeTheInstancesMidnightIsLapsedAndItsBadgeRevokedAndAReminderTickRemindsOnce() {
        Topics topics = a.topics;
        List<JsonNode> ticks = committed(topics.clockTicks().name());
        assertTrue(ticks.stream().anyMatch(t -> t.get("kind").asText().equals("midnight")
                && t.get("zone").asText().equals(ZONE.getId()) && t.get("date").asText().equals(today.toString())),
                "each instance wrote today's midnight at start: " + ticks);
        assertFalse(ticks.stream().anyMatch(t -> t.get("kind").asText().equals("reminder")), "reminders are off");

        send(topics.badgeDefinitions().name(), "bdg-field-roll", "{\"id\":\"bdg-field-roll\",\"name\":\"On a Roll\","
                + "\"revocable\":true,\"criteria\":{\"metric\":\"current_streak_days\",\"min\":2}}", now);
        // In force once a probe earns it; every task takes definitions each second, so two more do.
        send(topics.activities().name(), "pm-probe", activity("pm-probe", "p-1", today.minusDays(1), "session"), now);
        send(topics.activities().name(), "pm-probe", activity("pm-probe", "p-2", today, "session"), now);
        awaitEarned("pm-probe", "bdg-field-roll", true);
        sleep(2_000);
        // Logged five days ago, for the day before and that day: read after today's midnight was
        // applied, the streak is awarded as of its record time, then lapses at once.
        Instant fiveDaysAgo = today.minusDays(5).atTime(20, 0).atZone(ZONE).toInstant();
        send(topics.activities().name(), "pm-lapsed", activity("pm-lapsed", "l-1", today.minusDays(6), "session"),
                fiveDaysAgo);
        send(topics.activities().name(), "pm-lapsed", activity("pm-lapsed", "l-2", today.minusDays(5), "session"),
                fiveDaysAgo.plusSeconds(1));
        a.awaitHttp(a.service.httpPort(), "/api/v1/peer-mentor-stats/pm-lapsed", admin,
                r -> r.hasField("activity_count", 2));
        awaitEarned("pm-lapsed", "bdg-field-roll", false);
        assertEquals(List.of("badge_awarded", "badge_revoked Criteria no longer met — current_streak_days is 0, below 2"),
                transitions("pm-lapsed", "bdg-field-roll"));
        List<JsonNode> stats = committed(topics.mentorStats().name()).stream()
                .filter(doc -> doc.get("peer_mentor_id").asText().equals("pm-lapsed")).toList();
        // Each late record's document shows the streak as of its time, and its lapse follows at once;
        // the first lapse moved the mentor's time to the start of its day, so the second record
        // (the day before it) makes a streak of two as of that day, which lapses in turn.
        assertEquals(List.of(1, 0, 2, 0), stats.stream().map(doc -> doc.get("current_streak_days").asInt()).toList(),
                stats::toString);

        // Streaks that ended yesterday: eight mentors, spread over the partitions; one whose streak is a day.
        try (FieldProducer kcat = broker.producer()) {
            for (int m = 0; m < 8; m++) {
                String mentor = "pm-at-risk-" + m;
                kcat.send(topics.activities().name(), mentor, activity(mentor, "r-" + m + "-1", today.minusDays(2),
                        "session"), now);
                kcat.send(topics.activities().name(), mentor, activity(mentor, "r-" + m + "-2", today.minusDays(1),
                        "session"), now);
            }
            kcat.send(topics.activities().name(), "pm-one-day", activity("pm-one-day", "o-1", today.minusDays(1),
                    "session"), now);
        }
        a.awaitHttp(b.service.httpPort(), "/api/v1/peer-mentor-stats/pm-at-risk-7", admin,
                r -> r.hasField("activity_count", 2));
        String tick = "{\"kind\":\"reminder\",\"zone\":\"" + ZONE.getId() + "\",\"date\":\"" + today + "\"}";
        send(topics.clockTicks().name(), "reminder:" + ZONE.getId(), tick, now);
        send(topics.clockTicks().name(), "reminder:" + ZONE.getId(), tick, now.plusSeconds(1));

        List<JsonNode> reminders = awaitReminders(8);
        assertEquals(8, reminders.size(), "the repeated tick reminds nobody twice: " + reminders);
        assertEquals(8, reminders.stream().map(r -> r.get("peer_mentor_id").asText()).distinct().count(),
                reminders::toString);
        assertTrue(reminders.stream().allMatch(r -> r.get("peer_mentor_id").asText().startsWith("pm-at-risk-")
                && r.get("current_streak_days").asInt() == 2 && r.get("reminder_date").asText().equals(today.toString())
                && r.get("type").asText().equals("streak_at_risk")), reminders::toString);
    }

    /** The badge notifications of one mentor and definition: the type, and for a revocation its reason. */
    private static List<String> transitions(String mentor, String definition) {
        return committed(a.topics.badgeNotifications().name()).stream()
                .filter(n -> n.get("peer_mentor_id").asText().equals(mentor)
                        && n.get("badge_definition_id").asText().equals(definition))
                .map(n -> n.get("type").asText() + (n.get("revoke_reason").isNull() ? "" : " "
                        + n.get("revoke_reason").asText()))
                .toList();
    }

    /** The reminders on the topic once {@code expected} have come, and a while longer for any extra one. */
    private static List<JsonNode> awaitReminders(int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<JsonNode> reminders = committed(a.topics.streakReminders().name());
        while (reminders.size() < expected && System.nanoTime() < deadline) {
            sleep(500);
            reminders = committed(a.topics.streakReminders().name());
        }
        sleep(3_000);
        return committed(a.topics.streakReminders().name());
    }
}
