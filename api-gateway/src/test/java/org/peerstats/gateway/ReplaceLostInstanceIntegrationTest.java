package org.peerstats.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;

/**
 * docs/operations.md, "Instances come and go": an instance lost with its data directory — it
 * stops without leaving the group, as a crashed machine does, and its directory is deleted — is
 * replaced by a new instance on a new directory. Once the session timeout has passed, the new
 * one holds partitions, restored from the changelogs, and both instances give every mentor's
 * exact count, events produced while the lost one was gone included.
 */
class ReplaceLostInstanceIntegrationTest {

    private static final int MENTORS = 12;
    private static final Map<String, String> ENV = Map.of(
            "PEERSTATS_TOPIC_PARTITIONS", "6",
            // the broker's minimum: the lost member is given up after 6 s
            "PEERSTATS_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000",
            "PEERSTATS_KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");

    @TempDir
    Path dir;

    @Test
    void aNewInstanceOnANewDirectoryTakesTheLostOnesPartitionsWithTheirState() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String applicationId = "peerstats-replace-" + UUID.randomUUID();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0);
             ServiceHarness a = new ServiceHarness(broker.bootstrapServers(), dir.resolve("a"), applicationId, clock,
                     ENV)) {
            ServiceHarness lost = new ServiceHarness(broker.bootstrapServers(), dir.resolve("lost"), applicationId,
                    clock, ENV);
            String token = a.token(Role.SYSTEM, null, null);
            for (int m = 0; m < MENTORS; m++) {
                a.send(activity(m, 1, now.minus(Duration.ofDays(1))), now);
            }
            awaitCounts(a, token, 1);
            awaitCounts(lost, token, 1);

            lost.close(); // keeps its membership, as a machine that died would
            ServiceHarness.deleteRecursively(dir.resolve("lost"));
            for (int m = 0; m < MENTORS; m++) {
                a.send(activity(m, 2, now), now.plusSeconds(1));
            }

            try (ServiceHarness replacement = new ServiceHarness(broker.bootstrapServers(), dir.resolve("new"),
                    applicationId, clock, ENV)) {
                awaitCounts(replacement, token, 2);
                awaitCounts(a, token, 2);
                assertFalse(replacement.service.streams().metadataForLocalThreads().stream()
                        .allMatch(thread -> thread.activeTasks().isEmpty()), "the replacement holds no active task");
            }
        }
    }

    private static ActivityEvent activity(int m, int n, Instant occurredAt) {
        return new ActivityEvent(EventOp.UPSERT, "rl-" + m + "-" + n, mentor(m), "org-replace", ActivityType.SESSION,
                "me-" + n, occurredAt, 30);
    }

    private static void awaitCounts(ServiceHarness instance, String token, int count) {
        for (int m = 0; m < MENTORS; m++) {
            ServiceHarness.Response stats = instance.awaitHttp(instance.service.httpPort(),
                    "/api/v1/peer-mentor-stats/" + mentor(m), token, r -> r.hasField("activity_count", count),
                    Duration.ofSeconds(60));
            assertEquals(count, stats.json().get("activity_count").asInt(), mentor(m) + ": " + stats.body());
        }
    }

    private static String mentor(int m) {
        return "pm-replace-" + m;
    }

}
