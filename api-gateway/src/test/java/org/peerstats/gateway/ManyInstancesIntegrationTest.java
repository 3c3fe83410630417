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
import org.apache.kafka.common.serialization.Serdes;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.query.MentorRouter;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
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
            "PEERSTATS_KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");

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

        c.close();
        running.remove(c);
        assertSameAnswers(List.of(a, b), token, expected, "after c was closed");

        int childPort = freePort();
        child = startChildProcess(broker, appId, childPort);
        ServiceHarness.Response childReady = a.awaitHttp(childPort, "/health/ready", null, r -> r.status() == 200);
        assertEquals(200, childReady.status(), "the child instance did not become ready: " + childReady.body());
        for (Map.Entry<String, JsonNode> mentor : expected.entrySet()) {
            ServiceHarness.Response answer = a.awaitHttp(childPort, "/api/v1/peer-mentor-stats/" + mentor.getKey(),
                    token, r -> r.status() == 200);
            assertEquals(mentor.getValue(), answer.json(), "child instance, " + mentor.getKey());
        }

        String ownedByChild = expected.keySet().stream()
                .filter(m -> a.service.streams().queryMetadataForKey(StoreNames.MENTOR_STATS, m,
                        Serdes.String().serializer()).activeHost().port() == childPort)
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
