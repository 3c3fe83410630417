package org.peerstats.gateway.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;

/**
 * What a replay after an application reset guarantees for badges (docs/architecture.md, "Replay
 * after a reset"): with the definitions unchanged since the history began, a fresh application
 * over the same input topics — a new application id is what a reset amounts to: no internal
 * topics, no state, every input read from the start — writes the same earned-badge records and
 * the same notifications, ids and times included, as the first run. Inputs come as kcat sends
 * them, so a mentor's records reach the mentors' task from input partitions the topology does not
 * choose.
 */
class ReplayAfterResetIntegrationTest {

    private static final int MENTORS = 6;
    private static final int ACTIVITIES = 12;
    private static final int DELETED = 3;
    private static final String ORG = "org-replay";

    @TempDir
    Path dir;

    @Test
    void aFreshApplicationOverTheSameInputsWritesTheSameBadgesAndNotifications() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0)) {
            Map<String, String> env = Map.of("PEERSTATS_TOPIC_PARTITIONS", "4");
            List<String> firstNotifications;
            List<String> firstBadges;
            String notificationsTopic;
            String badgesTopic;
            try (ServiceHarness first = new ServiceHarness(broker.bootstrapServers(), dir.resolve("first"),
                    "peerstats-replay-" + UUID.randomUUID(), clock, env)) {
                notificationsTopic = first.topics.badgeNotifications().name();
                badgesTopic = first.topics.earnedBadges().name();
                produceHistory(broker.bootstrapServers(), first.topics.activities().name(), now);
                awaitStats(first, ACTIVITIES - DELETED);
                first.awaitCaughtUp();
                // per mentor: First Session, Ten Activities, Twenty Hours, Five Mentees awarded;
                // Ten Activities and Twenty Hours revoked after the deletes
                firstNotifications = committedRecords(broker.bootstrapServers(), notificationsTopic, 6 * MENTORS);
                firstBadges = committedRecords(broker.bootstrapServers(), badgesTopic, 6 * MENTORS);
            }
            try (ServiceHarness replay = new ServiceHarness(broker.bootstrapServers(), dir.resolve("replay"),
                    "peerstats-replay-" + UUID.randomUUID(), clock, env)) {
                awaitStats(replay, ACTIVITIES - DELETED);
                replay.awaitCaughtUp();
                List<String> all = committedRecords(broker.bootstrapServers(), notificationsTopic, 12 * MENTORS);
                assertEquals(sorted(firstNotifications), sorted(withoutFirst(all, firstNotifications)));
                List<String> allBadges = committedRecords(broker.bootstrapServers(), badgesTopic, 12 * MENTORS);
                assertEquals(sorted(firstBadges), sorted(withoutFirst(allBadges, firstBadges)));
            }
        }
    }

    /** Per mentor: twelve 2-hour sessions with twelve mentees on consecutive days, then three deleted. */
    private static void produceHistory(String bootstrap, String activities, Instant now) {
        try (FieldProducer kcat = new FieldProducer(bootstrap, Map.of())) {
            long sequence = 0;
            for (int m = 0; m < MENTORS; m++) {
                String mentor = "pm-replay-" + m;
                for (int n = 0; n < ACTIVITIES; n++) {
                    kcat.send(activities, mentor, "{\"op\":\"upsert\",\"activity_id\":\"r-" + m + "-" + n
                            + "\",\"peer_mentor_id\":\"" + mentor + "\",\"organisation_id\":\"" + ORG
                            + "\",\"type\":\"session\",\"mentee_id\":\"me-" + n + "\",\"occurred_at\":\""
                            + now.minus(Duration.ofDays(ACTIVITIES - n)) + "\",\"duration_minutes\":120}",
                            now.plusMillis(sequence++));
                }
                for (int n = 0; n < DELETED; n++) {
                    kcat.send(activities, mentor, "{\"op\":\"delete\",\"activity_id\":\"r-" + m + "-" + n
                            + "\",\"peer_mentor_id\":\"" + mentor + "\"}", now.plusMillis(sequence++));
                }
            }
        }
    }

    private static void awaitStats(ServiceHarness instance, int activities) {
        String token = instance.token(Role.SYSTEM, null, null);
        for (int m = 0; m < MENTORS; m++) {
            ServiceHarness.Response stats = instance.awaitGet("/api/v1/peer-mentor-stats/pm-replay-" + m, token,
                    r -> r.hasField("activity_count", activities));
            assertEquals(activities, stats.json().get("activity_count").asInt(), stats.body());
        }
    }

    /** The committed records of {@code topic} as "key|value"; there must be {@code count}. */
    private static List<String> committedRecords(String bootstrap, String topic, int count) {
        List<String> records = read(bootstrap, topic);
        assertEquals(count, records.size(), () -> topic + ": " + String.join("\n", records));
        return records;
    }

    private static List<String> read(String bootstrap, String topic) {
        return ServiceHarness.readCommitted(bootstrap, topic).stream()
                .map(record -> new String(record.key(), StandardCharsets.UTF_8) + "|"
                        + new String(record.value(), StandardCharsets.UTF_8))
                .toList();
    }

    private static List<String> withoutFirst(List<String> all, List<String> first) {
        List<String> rest = new ArrayList<>(all);
        first.forEach(rest::remove);
        return rest;
    }

    private static List<String> sorted(List<String> records) {
        return records.stream().sorted().toList();
    }
}
