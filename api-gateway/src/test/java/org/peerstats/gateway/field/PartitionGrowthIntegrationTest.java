package org.peerstats.gateway.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.auth.Role;

/**
 * docs/operations.md, "Partitions": an input topic grown while the service runs. Produced as kcat
 * produces (CRC32 of the key), a mentor's records before and after the growth land on different
 * partitions, so on different ingest tasks; the ingest stage re-keys them onto {@code mentor-inputs}
 * by mentor, and every count must come out exact.
 */
class PartitionGrowthIntegrationTest {

    private static final int BEFORE = 3;
    private static final int AFTER = 6;
    private static final int MENTORS = 8;
    private static final String ORG = "org-growth";

    @TempDir
    Path dir;

    @Test
    void aMentorsRecordsOnOldAndNewPartitionsAreCountedOnce() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (ServiceHarness service = ServiceHarness.onOwnBroker(dir, "peerstats-growth", clock);
             FieldProducer kcat = new FieldProducer(service.bootstrapServers(), Map.of())) {
            String activities = service.topics.activities().name();
            assertEquals(BEFORE, partitions(service, activities));
            for (int m = 0; m < MENTORS; m++) {
                kcat.send(activities, mentor(m), activity(m, "before", now.minus(Duration.ofDays(1))), now);
            }
            try (Admin admin = Admin.create(service.service.kafkaClients().admin())) {
                admin.createPartitions(Map.of(activities, NewPartitions.increaseTo(AFTER))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            assertEquals(AFTER, partitions(service, activities));
            int moved = 0;
            for (int m = 0; m < MENTORS; m++) {
                byte[] key = mentor(m).getBytes(StandardCharsets.UTF_8);
                if (LibrdkafkaPartitioner.partitionOf(key, BEFORE) != LibrdkafkaPartitioner.partitionOf(key, AFTER)) {
                    moved++;
                }
                kcat.send(activities, mentor(m), activity(m, "after", now), now.plusSeconds(1));
            }
            assertNotEquals(0, moved, "no mentor's records changed partition: the test would prove nothing");

            String token = service.token(Role.SYSTEM, null, null);
            for (int m = 0; m < MENTORS; m++) {
                ServiceHarness.Response stats = service.awaitGet("/api/v1/peer-mentor-stats/" + mentor(m), token,
                        r -> r.hasField("activity_count", 2));
                assertEquals(2, stats.json().get("activity_count").asInt(), stats.body());
                assertEquals(2, stats.json().get("current_streak_days").asInt(), stats.body());
            }
        }
    }

    private static int partitions(ServiceHarness service, String topic) throws Exception {
        try (Admin admin = Admin.create(service.service.kafkaClients().admin())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    private static String activity(int m, String id, Instant occurredAt) {
        return "{\"op\":\"upsert\",\"activity_id\":\"g-" + m + "-" + id + "\",\"peer_mentor_id\":\"" + mentor(m)
                + "\",\"organisation_id\":\"" + ORG + "\",\"type\":\"session\",\"occurred_at\":\"" + occurredAt
                + "\",\"duration_minutes\":30}";
    }

    private static String mentor(int m) {
        return "pm-growth-" + m;
    }
}
