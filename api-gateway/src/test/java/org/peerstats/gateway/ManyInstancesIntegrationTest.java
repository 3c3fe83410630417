package org.peerstats.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.query.MentorRouter;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.topology.MentorPartitioner;
import org.peerstats.streams.topology.StoreNames;

/**
 * Several instances with one application id on one real broker share the partitions; any of them
 * answers for any mentor (forwarding to the owner), and after one is closed, or killed without
 * warning, the others take over and give the same numbers; the closed one can rejoin.
 */
class ManyInstancesIntegrationTest {

    private static final int MENTORS = 12;
    private static final Map<String, String> ENV = Map.of(
            "PEERSTATS_TOPIC_PARTITIONS", "6",
            "PEERSTATS_STANDBY_REPLICAS", "1",
            // the broker's minimum: an instance killed without warning is noticed after 6 s
            "PEERSTATS_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000",
            "PEERSTATS_KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000",
            // c's stop is a scale-down: the others take its tasks over at once
            "PEERSTATS_LEAVE_GROUP_ON_STOP", "true");

    @TempDir
    Path dir;
    private final List<AutoCloseable> running = new ArrayList<>();
    private Process child;

    @AfterEach
    void stopAll() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor();
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void everyInstanceGivesTheSameAnswersAndTheOthersTakeOverWhenOneStopsOrDies() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
        running.add(broker);
        String appId = "peerstats-many-" + UUID.randomUUID();
        Clock clock = Clock.systemUTC();
        ServiceHarness a = start(broker, appId, "a", clock);
        ServiceHarness b = start(broker, appId, "b", clock);
        ServiceHarness c = start(broker, appId, "c", clock);
        String token = a.token(Role.SYSTEM, null, null);

        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (int m = 0; m < MENTORS; m++) {
            a.send(a.topics.mentorProfiles(), mentor(m), new MentorProfile(mentor(m), "org-a", "Mentor " + (char) ('A' + m),
                    mentor(m) + "@example.org", "active", false), now);
        }
        for (int m = 0; m < MENTORS; m++) {
            for (int n = 0; n <= m; n++) {
                a.send(new ActivityEvent(EventOp.UPSERT, "act-" + m + "-" + n, mentor(m), "org-a",
                        n % 2 == 0 ? ActivityType.SESSION : ActivityType.GROUP, "mentee-" + (n % 3),
                        now.minus(Duration.ofDays(n)), 30 + n), now);
            }
        }
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        for (int m = 0; m < MENTORS; m++) {
            int count = m + 1;
            JsonNode stats = a.awaitGet(path(m), token, r -> r.hasField("activity_count", count)).json();
            assertEquals(count, stats.get("activity_count").asInt(), "mentor " + m + " on a: " + stats);
            expected.put(mentor(m), stats);
        }
        assertSameAnswers(List.of(a, b, c), token, expected, "three instances");
        assertEveryOtherEndpointAgrees(List.of(a, b, c), token);

        c.close();
        running.remove(c);
        assertSameAnswers(List.of(a, b), token, expected, "after c was closed");

        int childPort = freePort();
        child = startChildProcess(broker, appId, childPort);
        // a new JVM, on 2 cores shared with three instances and the broker: give it time
        ServiceHarness.Response childReady = a.awaitHttp(childPort, "/health/ready", null, r -> r.status() == 200,
                Duration.ofSeconds(150));
        assertEquals(200, childReady.status(), () -> "the child instance did not become ready: " + childReady.body()
                + "\n" + childLog());
        for (Map.Entry<String, JsonNode> mentor : expected.entrySet()) {
            ServiceHarness.Response answer = a.awaitHttp(childPort, "/api/v1/peer-mentor-stats/" + mentor.getKey(),
                    token, r -> r.status() == 200);
            assertEquals(mentor.getValue(), answer.json(), "child instance, " + mentor.getKey());
        }

        String ownedByChild = expected.keySet().stream()
                .filter(m -> a.service.streams().queryMetadataForKey(StoreNames.MENTOR_STATS, m,
                        MentorPartitioner.instance()).activeHost().port() == childPort)
                .findFirst().orElseThrow(() -> new AssertionError("the child instance owns no mentor"));
        child.destroyForcibly().waitFor();
        child = null;

        // Until the group notices (6 s session timeout), the owner is simply unreachable:
        ServiceHarness.Response strict = a.get("/api/v1/peer-mentor-stats/" + ownedByChild, token);
        ServiceHarness.Response stale = a.get("/api/v1/peer-mentor-stats/" + ownedByChild + "?allow_stale=true", token);
        assertEquals(503, strict.status(), strict.body());
        assertTrue(strict.header("Retry-After").isPresent());
        assertEquals(200, stale.status(), "a standby answers a client that accepts stale reads: " + stale.body());
        assertEquals("true", stale.header(MentorRouter.STALE_HEADER).orElseThrow());
        assertEquals(expected.get(ownedByChild), stale.json(), "standby copy of " + ownedByChild);
        assertSameAnswers(List.of(a, b), token, expected, "after the child was killed");

        ServiceHarness cAgain = start(broker, appId, "c", clock);
        assertSameAnswers(List.of(a, b, cAgain), token, expected, "after c rejoined");
        assertEveryOtherEndpointAgrees(List.of(a, b, cAgain), token);
    }

    /**
     * The badge and mentor-detail endpoints give the same answers on every instance: lists (from
     * global stores) page for page with exact totals, and per-mentor lookups (routed to the owner).
     */
    private void assertEveryOtherEndpointAgrees(List<ServiceHarness> instances, String token) {
        ServiceHarness first = instances.get(0);
        String admin = first.token(Role.ADMIN, null, null);
        List<String> paths = new ArrayList<>();
        // every mentor has a session: "First Session" (bdg-def-001) is earned by all of them
        ServiceHarness.Response all = first.awaitGet("/api/v1/earned-badges?organisation_id=org-a&limit=100", admin,
                r -> r.status() == 200 && r.json().at("/pagination/total").asInt() >= MENTORS);
        assertTrue(all.json().at("/pagination/total").asInt() >= MENTORS, all.body());
        int total = all.json().at("/pagination/total").asInt();
        for (int page = 1; page <= (total + 4) / 5; page++) {
            paths.add("/api/v1/earned-badges?organisation_id=org-a&limit=5&page=" + page);
        }
        paths.add("/api/v1/earned-badges/" + all.json().at("/data/0/id").asText());
        for (int m = 0; m < MENTORS; m += 5) {
            paths.add("/api/v1/earned-badges/check?peer_mentor_id=" + mentor(m) + "&badge_definition_id=bdg-def-001");
            paths.add("/api/v1/peer-mentor-bloc/" + mentor(m));
        }
        paths.add("/api/v1/peer-mentor-bloc?organisation_id=org-a&limit=5&page=2");
        for (String path : paths) {
            JsonNode reference = first.awaitGet(path, admin, r -> r.status() == 200).json();
            for (ServiceHarness other : instances) {
                ServiceHarness.Response answer = other.awaitGet(path, admin,
                        r -> r.status() == 200 && r.json().equals(reference));
                assertEquals(reference, answer.json(), path + " on instance " + other.service.httpPort());
            }
        }
        // organisation totals live with the organisation's partition: every instance routes to it
        long activities = (long) MENTORS * (MENTORS + 1) / 2;
        String totals = "/api/v1/organisation-stats/org-a";
        JsonNode reference = first.awaitGet(totals, admin,
                r -> r.status() == 200 && r.json().at("/periods/all_time/activities").asLong() == activities).json();
        assertEquals(activities, reference.at("/periods/all_time/activities").asLong(), reference.toString());
        assertEquals(MENTORS, reference.at("/periods/all_time/active_mentors").asLong(), reference.toString());
        for (ServiceHarness other : instances) {
            ServiceHarness.Response answer = other.awaitGet(totals, admin,
                    r -> r.status() == 200 && r.json().get("periods").equals(reference.get("periods")));
            assertEquals(reference.get("periods"), answer.json().get("periods"), totals + " on " + other.service.httpPort());
        }
        JsonNode page2 = first.get("/api/v1/peer-mentor-bloc?organisation_id=org-a&limit=5&page=2", admin).json();
        assertEquals(MENTORS, page2.at("/pagination/total").asInt());
        assertEquals("Mentor F", page2.at("/data/0/full_name").asText(), "sorted by name, pages neither repeat nor skip");
        assertTrue(first.get("/api/v1/earned-badges/check?peer_mentor_id=" + mentor(3)
                + "&badge_definition_id=bdg-def-001", token).json().get("has_earned").asBoolean());
    }

    private void assertSameAnswers(List<ServiceHarness> instances, String token, Map<String, JsonNode> expected,
                                   String when) {
        for (ServiceHarness instance : instances) {
            for (Map.Entry<String, JsonNode> mentor : expected.entrySet()) {
                ServiceHarness.Response answer = instance.awaitGet("/api/v1/peer-mentor-stats/" + mentor.getKey(),
                        token, r -> r.status() == 200 && r.json().equals(mentor.getValue()));
                assertEquals(200, answer.status(), when + ", " + mentor.getKey() + ": " + answer.body());
                assertEquals(mentor.getValue(), answer.json(), when + ", " + mentor.getKey());
            }
        }
    }

    private ServiceHarness start(EmbeddedKafkaBroker broker, String appId, String name, Clock clock) {
        ServiceHarness harness = new ServiceHarness(broker.bootstrapServers(), dir.resolve(name), appId, clock, ENV);
        running.add(harness);
        return harness;
    }

    /** An instance in its own JVM, so that it can be killed without any chance to say goodbye. */
    private Process startChildProcess(EmbeddedKafkaBroker broker, String appId, int httpPort) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.peerstats.gateway.runtime.Main", "run")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("PEERSTATS_") || key.equals("KAFKA_BOOTSTRAP_SERVERS"));
        Map<String, String> settings = new HashMap<>(ENV);
        settings.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        settings.put("PEERSTATS_APPLICATION_ID", appId);
        settings.put("PEERSTATS_HTTP_PORT", String.valueOf(httpPort));
        settings.put("PEERSTATS_DATA_DIR", dir.resolve("child").toString());
        settings.put("PEERSTATS_JWT_SECRET", ServiceHarness.SECRET);
        settings.put("PEERSTATS_TOPIC_REPLICATION_FACTOR", "1");
        env.putAll(settings);
        return builder.start();
    }

    private String childLog() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("child.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "(no child log: " + e + ")";
        }
    }

    private static String mentor(int m) {
        return "pm-many-" + m;
    }

    private static String path(int m) {
        return "/api/v1/peer-mentor-stats/" + mentor(m);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
