package org.peerstats.gateway.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashMap;
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
    private static FieldCluster broker;
    private static ServiceHarness a;
    private static ServiceHarness b;
    private static String admin;
    private static Instant now;

    static void startInstances(int instances) {
        startInstances(instances, false);
    }

    /** @param secured on a broker that requires SASL, with the documented ACLs only ({@link FieldCluster#secured}) */
    static void startInstances(int instances, boolean secured) {
        String appId = "peerstats-field-" + UUID.randomUUID();
        broker = secured ? FieldCluster.secured(dir.resolve("broker"), appId, Topics.withPrefix(Topics.DEFAULT_PREFIX),
                Topics.DEFAULT_PREFIX) : FieldCluster.open(dir.resolve("broker"));
        Map<String, String> env = new HashMap<>(broker.serviceEnvironment());
        env.put("PEERSTATS_TOPIC_PARTITIONS", String.valueOf(INPUT_PARTITIONS));
        Clock clock = Clock.systemUTC();
        a = new ServiceHarness(broker.bootstrapServers(), dir.resolve("a"), appId, clock, env);
        b = instances == 1 ? a : new ServiceHarness(broker.bootstrapServers(), dir.resolve("b"), appId, clock, env);
        admin = a.token(Role.ADMIN, null, null);
        now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Topics topics = a.topics;
        try (FieldProducer kcat = broker.producer()) {
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
        try (FieldProducer other = broker.producer()) {
            for (int m = 0; m < MENTORS; m++) {
                int crcPartition = LibrdkafkaPartitioner.partitionOf(moving(m).getBytes(StandardCharsets.UTF_8),
                        INPUT_PARTITIONS);
                other.sendTo(topics.assignments().name(), (crcPartition + 1) % INPUT_PARTITIONS, moving(m),
                        assignment(moving(m), "pm-field-without-profile", "open"), now.plusSeconds(1));
            }
        }
    }

    /** The cluster the instances run on. */
    static FieldCluster cluster() {
        return broker;
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

    /**
     * The lists through moves, renames and revocations, produced as kcat produces: twelve mentors
     * of two organisations of their own, each with a session (First Session); then one session is
     * deleted (its badge revoked by the rules), one badge is revoked by hand, two mentors move to
     * the other organisation and one is renamed. Both instances must then list exactly the
     * expected mentors and badges, in order, with exact totals, page for page.
     */
    @Test
    void listsFollowMovesRenamesAndRevocationsOnEveryInstance() {
        String orgA = "org-lists-a";
        String orgB = "org-lists-b";
        Topics topics = a.topics;
        try (FieldProducer kcat = broker.producer()) {
            for (int m = 0; m < 12; m++) {
                kcat.send(topics.mentorProfiles().name(), listed(m), listedProfile(m, m < 8 ? orgA : orgB, "Lister " + (char) ('Z' - m)),
                        now);
                kcat.send(topics.activities().name(), listed(m), "{\"op\":\"upsert\",\"activity_id\":\"l-" + m
                        + "\",\"peer_mentor_id\":\"" + listed(m) + "\",\"organisation_id\":\"" + (m < 8 ? orgA : orgB)
                        + "\",\"type\":\"session\",\"mentee_id\":\"me-l\",\"occurred_at\":\"" + now.minusSeconds(600 - m)
                        + "\",\"duration_minutes\":30}", now.plusSeconds(m)); // awarded_at: the record's time
            }
        }
        String heldOfA = BADGES + "?organisation_id=" + orgA + "&limit=100";
        await(a, heldOfA, r -> r.status() == 200 && r.json().at("/pagination/total").asInt() == 8);
        String manual = await(a, BADGES + "?peer_mentor_id=" + listed(5), r -> r.status() == 200
                && r.json().at("/pagination/total").asInt() == 1).json().at("/data/0/id").asText();
        assertEquals(200, b.delete(BADGES + "/" + manual, admin, "{\"revoke_reason\":\"listed by mistake\"}").status());
        try (FieldProducer kcat = broker.producer()) {
            kcat.send(topics.activities().name(), listed(1), "{\"op\":\"delete\",\"activity_id\":\"l-1\",\"peer_mentor_id\":\""
                    + listed(1) + "\"}", now.plusSeconds(60));
            kcat.send(topics.mentorProfiles().name(), listed(2), listedProfile(2, orgB, "Lister X"), now.plusSeconds(60));
            kcat.send(topics.mentorProfiles().name(), listed(3), listedProfile(3, orgB, "Lister W"), now.plusSeconds(60));
            kcat.send(topics.mentorProfiles().name(), listed(4), listedProfile(4, orgA, "Aaron Lister"), now.plusSeconds(60));
        }

        // held in A: 0, 4, 6, 7 (1 revoked by the rules, 5 by hand, 2 and 3 moved), by award time
        List<String> heldInA = List.of(listed(0), listed(4), listed(6), listed(7));
        List<String> everyBadgeInA = List.of(listed(0), listed(1), listed(4), listed(5), listed(6), listed(7));
        List<String> heldInB = List.of(listed(2), listed(3), listed(8), listed(9), listed(10), listed(11));
        // the dashboard of A by name: Aaron (4), then "Lister Z" - m descending: 7, 6, 5, 1, 0
        List<String> dashboardOfA = List.of(listed(4), listed(7), listed(6), listed(5), listed(1), listed(0));
        for (ServiceHarness instance : b == a ? List.of(a) : List.of(a, b)) {
            assertEquals(heldInA, owners(await(instance, heldOfA, r -> r.status() == 200
                    && owners(r.json()).equals(heldInA)).json(), heldInA.size()), "held in A");
            assertEquals(everyBadgeInA, owners(await(instance, heldOfA + "&include_revoked=true",
                    r -> r.status() == 200 && owners(r.json()).equals(everyBadgeInA)).json(), everyBadgeInA.size()));
            assertEquals(heldInB, owners(await(instance, BADGES + "?organisation_id=" + orgB + "&limit=100",
                    r -> r.status() == 200 && owners(r.json()).equals(heldInB)).json(), heldInB.size()), "held in B");
            JsonNode dashboard = await(instance, BLOC + "?organisation_id=" + orgA + "&limit=100", r -> r.status() == 200
                    && ids(r.json()).equals(dashboardOfA)).json();
            assertEquals(dashboardOfA, ids(dashboard));
            assertEquals(6, dashboard.at("/pagination/total").asInt());
            JsonNode secondPage = await(instance, BLOC + "?organisation_id=" + orgA + "&limit=4&page=2", ok()).json();
            assertEquals(dashboardOfA.subList(4, 6), ids(secondPage), "page 2 of 4 a page");
            assertEquals(6, secondPage.at("/pagination/total").asInt());
            JsonNode paused = await(instance, BLOC + "?organisation_id=" + orgA + "&status=paused&limit=100", ok()).json();
            assertEquals(List.of(listed(6), listed(0)), ids(paused), "m % 3 == 0 are paused; 3 moved away");
            String mentorToken = a.token(Role.PEER_MENTOR, orgA, listed(1));
            JsonNode own = instance.get(BADGES + "?peer_mentor_id=" + listed(1) + "&include_revoked=true", mentorToken).json();
            assertEquals(1, own.at("/pagination/total").asInt(), own::toString);
            assertFalse(own.at("/data/0/revoked_at").isNull(), own::toString);
            assertEquals(0, instance.get(BADGES + "?peer_mentor_id=" + listed(1), mentorToken).json()
                    .at("/pagination/total").asInt(), "nothing held");
        }
    }

    private static String listed(int m) {
        return "pm-lists-" + m;
    }

    private static String listedProfile(int m, String organisation, String name) {
        return "{\"peer_mentor_id\":\"" + listed(m) + "\",\"organisation_id\":\"" + organisation + "\",\"full_name\":\""
                + name + "\",\"email\":\"" + listed(m) + "@example.org\",\"status\":\"" + (m % 3 == 0 ? "paused" : "active")
                + "\",\"is_paused\":" + (m % 3 == 0) + "}";
    }

    /** The mentors of a badge page in order, checking that the total is {@code total}. */
    private static List<String> owners(JsonNode page, int total) {
        assertEquals(total, page.at("/pagination/total").asInt(), page::toString);
        return owners(page);
    }

    private static List<String> owners(JsonNode page) {
        List<String> owners = new ArrayList<>();
        page.get("data").forEach(badge -> owners.add(badge.get("peer_mentor_id").asText()));
        return owners;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(item -> ids.add(item.get("mentor_id").asText()));
        return ids;
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
