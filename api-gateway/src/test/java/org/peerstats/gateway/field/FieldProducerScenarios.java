package org.peerstats.gateway.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.streams.Topics;
import org.peerstats.streams.topology.MentorPartitioner;
import org.peerstats.streams.topology.TopologySettings;

/**
 * The field's producers, on a real broker: every input is produced as kcat produces it by
 * default (librdkafka's CRC32 placement), some into partitions the producer picked, onto input
 * topics with fewer partitions than {@code mentor-inputs}. Stats, windowed counts, badge award,
 * check and revoke and mentor-detail load, refresh, clear and list must give the right answers —
 * on one instance ({@link OneInstanceFieldProducersIntegrationTest}, where {@code a} and
 * {@code b} are the same), and the same answers on both of two instances of one application
 * ({@link TwoInstancesFieldProducersIntegrationTest}).
 */
abstract class FieldProducerScenarios {

    private static final int INPUT_PARTITIONS = 4;
    private static final int MENTORS = 8;
    private static final String ORG = "org-field";
    private static final String STATS = "/api/v1/peer-mentor-stats/";
    private static final String BADGES = "/api/v1/earned-badges";
    private static final String BLOC = "/api/v1/peer-mentor-bloc";

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static ServiceHarness a;
    private static ServiceHarness b;
    private static String admin;
    private static Instant now;

    static void startInstances(int instances) {
        broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        String appId = "peerstats-field-" + UUID.randomUUID();
        Map<String, String> env = Map.of("PEERSTATS_TOPIC_PARTITIONS", String.valueOf(INPUT_PARTITIONS));
        Clock clock = Clock.systemUTC();
        a = new ServiceHarness(broker.bootstrapServers(), dir.resolve("a"), appId, clock, env);
        b = instances == 1 ? a : new ServiceHarness(broker.bootstrapServers(), dir.resolve("b"), appId, clock, env);
        admin = a.token(Role.ADMIN, null, null);
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Topics topics = a.topics;
        try (FieldProducer kcat = new FieldProducer(broker.bootstrapServers())) {
            for (int m = 0; m < MENTORS; m++) {
                String mentor = mentor(m);
                kcat.send(topics.mentorProfiles().name(), mentor, "{\"peer_mentor_id\":\"" + mentor
                        + "\",\"organisation_id\":\"" + ORG + "\",\"full_name\":\"Field Mentor " + m
                        + "\",\"email\":\"" + mentor + "@example.org\",\"status\":\"active\",\"is_paused\":false}", now);
                kcat.sendTo(topics.certifications().name(), m % INPUT_PARTITIONS, mentor,
                        "{\"peer_mentor_id\":\"" + mentor + "\",\"expiry_date\":\"2030-01-01\"}", now);
                kcat.send(topics.assignments().name(), "as-" + m + "-open", assignment(m, "open"), now);
                kcat.send(topics.assignments().name(), "as-" + m + "-closed", assignment(m, "closed"), now);
                kcat.send(topics.assignments().name(), moving(m), assignment(moving(m), mentor(m), "open"), now);
                // m + 1 activities on consecutive days up to today; every other one a session
                for (int n = 0; n <= m; n++) {
                    kcat.send(topics.activities().name(), mentor, "{\"op\":\"upsert\",\"activity_id\":\"f-" + m + "-"
                            + n + "\",\"peer_mentor_id\":\"" + mentor + "\",\"organisation_id\":\"" + ORG
                            + "\",\"type\":\"" + (n % 2 == 0 ? "session" : "phone_call") + "\",\"mentee_id\":\"me-"
                            + n + "\",\"occurred_at\":\"" + now.minus(Duration.ofDays(n)) + "\",\"duration_minutes\":30}",
                            now);
                }
                if (m % 2 == 0) {
                    int crc = LibrdkafkaPartitioner.partitionOf(mentor.getBytes(StandardCharsets.UTF_8),
                            INPUT_PARTITIONS);
                    kcat.sendTo(topics.trainingCompletions().name(), (crc + 1) % INPUT_PARTITIONS, mentor,
                            "{\"peer_mentor_id\":\"" + mentor + "\",\"organisation_id\":\"" + ORG
                                    + "\",\"module_id\":\"mod-1\",\"completed_at\":\"" + now + "\",\"op\":\"upsert\"}", now);
                }
            }
        }
        moveEveryMovingAssignmentThroughAnotherPartition(topics);
    }

    /**
     * Each mentor's "moving" assignment, opened by kcat (CRC32), is moved to a mentor without a
     * profile by a producer that writes it to another partition: the assignment must leave its
     * mentor. Before the owner stage had a topic of its own, the two partitions had two owners,
     * the move's owner knew no former mentor, and the assignment stayed open at both.
     */
    private static void moveEveryMovingAssignmentThroughAnotherPartition(Topics topics) {
        ServiceHarness.Response opened = a.awaitHttp(a.service.httpPort(),
                BLOC + "?organisation_id=" + ORG + "&limit=50", admin,
                r -> r.status() == 200 && openAssignmentCounts(r.json()).equals(Collections.nCopies(MENTORS, 2)));
        assertEquals(Collections.nCopies(MENTORS, 2), openAssignmentCounts(opened.json()),
                "every mentor holds its open and its moving assignment before the moves");
        try (FieldProducer other = new FieldProducer(broker.bootstrapServers())) {
            for (int m = 0; m < MENTORS; m++) {
                int crcPartition = LibrdkafkaPartitioner.partitionOf(moving(m).getBytes(StandardCharsets.UTF_8),
                        INPUT_PARTITIONS);
                other.sendTo(topics.assignments().name(), (crcPartition + 1) % INPUT_PARTITIONS, moving(m),
                        assignment(moving(m), "pm-field-without-profile", "open"), now.plusSeconds(1));
            }
        }
    }

    private static String moving(int m) {
        return "as-" + m + "-moving";
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : b == a ? new AutoCloseable[] {a, broker} : new AutoCloseable[] {b, a, broker}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        a = null;
        b = null;
        broker = null;
    }

    private static String mentor(int m) {
        return "pm-field-" + m;
    }

    private static String assignment(int m, String status) {
        return assignment("as-" + m + "-" + status, mentor(m), status);
    }

    private static String assignment(String id, String mentor, String status) {
        return "{\"assignment_id\":\"" + id + "\",\"peer_mentor_id\":\"" + mentor
                + "\",\"contact_name\":\"Contact of " + mentor + "\",\"status\":\"" + status + "\"}";
    }

    private static ServiceHarness.Response await(ServiceHarness on, String path, Predicate<ServiceHarness.Response> done) {
        return a.awaitHttp(on.service.httpPort(), path, admin, done);
    }

    private static Predicate<ServiceHarness.Response> ok() {
        return r -> r.status() == 200;
    }

    @Test
    void theProducersPlacementIsNotTheTopologys() {
        int differ = 0;
        for (int m = 0; m < MENTORS; m++) {
            int kcat = LibrdkafkaPartitioner.partitionOf(mentor(m).getBytes(StandardCharsets.UTF_8), INPUT_PARTITIONS);
            if (kcat != MentorPartitioner.partitionOf(mentor(m), TopologySettings.DEFAULT_MENTOR_PARTITIONS)) {
                differ++;
            }
        }
        assertTrue(differ >= MENTORS / 2, "the test must place most mentors elsewhere than the topology: " + differ);
    }

    @Test
    void statsAndWindowedCountsAreRightAndTheSameOnBothInstances() {
        for (int m = 0; m < MENTORS; m++) {
            int activities = m + 1;
            JsonNode fromA = await(a, STATS + mentor(m), r -> r.hasField("activity_count", activities)).json();
            JsonNode fromB = await(b, STATS + mentor(m), r -> r.hasField("activity_count", activities)).json();
            assertEquals(fromA, fromB, mentor(m));
            assertEquals(activities, fromA.get("activity_count").asInt());
            assertEquals((activities + 1) / 2, fromA.get("session_count").asInt());
            assertEquals(activities, fromA.get("unique_mentees_count").asInt());
            int completions = m % 2 == 0 ? 1 : 0;
            assertEquals(completions, await(a, STATS + mentor(m), r -> r.status() == 200
                    && r.json().get("training_completion_count").asInt() == completions)
                    .json().get("training_completion_count").asInt());

            JsonNode streak = await(b, STATS + mentor(m) + "/streak", ok()).json();
            assertEquals(activities, streak.get("longest_streak_days").asInt(), streak::toString);
            assertEquals(streak, await(a, STATS + mentor(m) + "/streak", ok()).json());

            String day = STATS + mentor(m) + "/activity-count?period=day";
            JsonNode today = await(a, day, ok()).json();
            assertEquals(1, today.get("activity_count").asInt(), today::toString);
            assertEquals(today, await(b, day, ok()).json());
        }
    }

    @Test
    void badgesAreAwardedCheckedAndRevokedFromEitherInstance() {
        String mentor = mentor(3);
        await(a, STATS + mentor, r -> r.hasField("activity_count", 4));
        for (ServiceHarness instance : List.of(a, b)) {
            JsonNode firstSession = await(instance, BADGES + "/check?peer_mentor_id=" + mentor
                    + "&badge_definition_id=bdg-def-001", r -> r.status() == 200
                    && r.json().get("has_earned").asBoolean()).json();
            assertTrue(firstSession.get("has_earned").asBoolean(), firstSession::toString);
        }

        ServiceHarness.Response awarded = b.post(BADGES, admin,
                "{\"badge_definition_id\":\"bdg-def-003\",\"peer_mentor_id\":\"" + mentor + "\"}");
        assertEquals(201, awarded.status(), awarded.body());
        String id = awarded.json().get("id").asText();
        String check = BADGES + "/check?peer_mentor_id=" + mentor + "&badge_definition_id=bdg-def-003";
        assertEquals(id, await(a, check, r -> r.status() == 200 && r.json().get("has_earned").asBoolean())
                .json().get("earned_badge_id").asText());

        ServiceHarness.Response revoked = a.delete(BADGES + "/" + id, admin, "{\"revoke_reason\":\"test\"}");
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals(false, await(b, check, r -> r.status() == 200 && !r.json().get("has_earned").asBoolean())
                .json().get("has_earned").asBoolean());
        assertEquals(409, b.delete(BADGES + "/" + id, admin, "{}").status());
    }

    @Test
    void mentorDetailLoadsRefreshesClearsAndListsFromEitherInstance() {
        String mentor = mentor(5);
        String path = BLOC + "/" + mentor;
        await(a, STATS + mentor, r -> r.hasField("activity_count", 6));
        String list = BLOC + "?organisation_id=" + ORG + "&limit=50";
        JsonNode listed = await(b, list, r -> r.status() == 200 && r.json().at("/pagination/total").asInt() == MENTORS
                && allHaveOneOpenAssignment(r.json())).json();
        assertEquals(MENTORS, listed.at("/pagination/total").asInt());

        ServiceHarness.Response load = a.post(BLOC, admin, "{\"event\":\"LoadMentorDetail\",\"mentor_id\":\"" + mentor + "\"}");
        assertEquals(200, load.status(), load.body());
        JsonNode loaded = await(b, path, ok()).json();
        assertEquals("loaded", loaded.get("state").asText(), loaded::toString);
        assertEquals("Field Mentor 5", loaded.at("/profile/full_name").asText());
        assertEquals(1, loaded.get("active_assignments").size(), loaded::toString);
        assertEquals("2030-01-01T00:00:00Z", loaded.at("/certification/expiry_date").asText());

        ServiceHarness.Response refresh = b.put(path, admin, "{\"event\":\"RefreshMentorDetail\"}");
        assertEquals(200, refresh.status(), refresh.body());
        assertEquals("refreshing", refresh.json().get("state").asText(), refresh.body());
        assertEquals(loaded.get("loaded_at").asText(), refresh.json().get("previous_loaded_at").asText());
        JsonNode refreshed = await(a, path, ok()).json();
        assertEquals("loaded", refreshed.get("state").asText(), refreshed::toString);
        assertEquals(loaded.get("profile"), refreshed.get("profile"));

        ServiceHarness.Response cleared = a.delete(path, admin);
        assertEquals(200, cleared.status(), cleared.body());
        JsonNode afterClear = await(b, list, ok()).json();
        assertEquals("cleared", item(afterClear, mentor).get("state").asText(), afterClear::toString);
    }

    /** Each mentor's own open assignment: the closed one and the moved one are not theirs. */
    private static boolean allHaveOneOpenAssignment(JsonNode page) {
        return openAssignmentCounts(page).equals(Collections.nCopies(MENTORS, 1));
    }

    private static List<Integer> openAssignmentCounts(JsonNode page) {
        List<Integer> counts = new ArrayList<>();
        page.get("data").forEach(item -> counts.add(item.path("open_assignment_count").asInt()));
        return counts;
    }

    private static JsonNode item(JsonNode page, String mentor) {
        for (JsonNode item : page.get("data")) {
            if (mentor.equals(item.path("mentor_id").asText())) {
                return item;
            }
        }
        throw new AssertionError(mentor + " is not in " + page);
    }
}
