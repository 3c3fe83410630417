package org.peerstats.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.tools.StreamsResetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.ServiceHarness;
import org.peerstats.gateway.auth.Role;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.serde.Json;

/**
 * docs/operations.md, "Reprocess from scratch", step by step on the embedded broker: the
 * instance stopped, the documented reset line run with Kafka's own tool as written, the local
 * state deleted, the instance started again. The stats come out identical, every notification is
 * written a second time with the id it had, and a consumer that de-duplicates on {@code event_id}
 * as the runbook says acts on each transition exactly once. The restart also takes a larger
 * {@code PEERSTATS_MENTOR_PARTITIONS}: growing {@code mentor-inputs} is this same procedure
 * ("Partitions"), and the answers must not change with it.
 */
class ReprocessRunbookIntegrationTest {

    private static final String APPLICATION_ID = "peerstats";
    private static final int MENTORS = 4;
    private static final int ACTIVITIES = 12;
    private static final int DELETED = 3;
    private static final String ORG = "org-reprocess";

    @TempDir
    Path dir;

    @Test
    void theStatsComeBackIdenticalAndADeduplicatingConsumerActsOnEachNotificationOnce() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Path dataDir = dir.resolve("service");
        Map<String, String> env = Map.of("PEERSTATS_TOPIC_PARTITIONS", "3");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0)) {
            Map<String, JsonNode> statsBefore;
            List<ConsumerRecord<byte[], byte[]>> notificationsBefore;
            String notifications;
            try (ServiceHarness first = new ServiceHarness(broker.bootstrapServers(), dataDir, APPLICATION_ID, clock,
                    env)) {
                notifications = first.topics.badgeNotifications().name();
                produceHistory(first, now);
                // caught up first: a count of nine is passed on the way (nine upserts, no delete yet);
                // per mentor: First Session, Ten Activities, Twenty Hours, Five Mentees awarded; Ten
                // Activities and Twenty Hours revoked by the deletes, the last transitions there are
                first.awaitCaughtUp();
                notificationsBefore = awaitNotifications(broker.bootstrapServers(), notifications, 6 * MENTORS);
                statsBefore = stats(first);
            }

            int reset = new StreamsResetter().execute(
                    ReprocessRunbookTopicsTest.ResetLine.fromDocs().forBootstrap(broker.bootstrapServers()));
            assertEquals(0, reset, "kafka-streams-application-reset as documented");
            assertTrue(Files.isDirectory(dataDir.resolve("streams")), "no local state at " + dataDir.resolve("streams"));
            ServiceHarness.deleteRecursively(dataDir.resolve("streams"));

            Map<String, String> grown = new java.util.HashMap<>(env);
            grown.put("PEERSTATS_MENTOR_PARTITIONS", "8");
            try (ServiceHarness again = new ServiceHarness(broker.bootstrapServers(), dataDir, APPLICATION_ID, clock,
                    grown)) {
                assertEquals(8, mentorInputsPartitions(again), "mentor-inputs recreated with the new count");
                again.awaitCaughtUp();
                List<ConsumerRecord<byte[], byte[]>> all = awaitNotifications(broker.bootstrapServers(), notifications,
                        2 * notificationsBefore.size());
                assertEquals(statsBefore, stats(again));
                assertEquals(2 * notificationsBefore.size(), all.size(), "every notification written again");
                assertEquals(eventIds(notificationsBefore), actedOn(all),
                        "a consumer de-duplicating on event_id acts on each transition once, in the first order");
            }
        }
    }

    private static int mentorInputsPartitions(ServiceHarness instance) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                instance.service.kafkaClients().admin())) {
            String topic = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(APPLICATION_ID + "-") && name.contains("mentor-inputs"))
                    .findFirst().orElseThrow(() -> new AssertionError("no mentor-inputs topic"));
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    /**
     * The committed notifications once there are {@code count} (or what there is after 60 s): the
     * application's caught-up offsets can be read a moment before the last transaction's records.
     */
    private static List<ConsumerRecord<byte[], byte[]>> awaitNotifications(String bootstrap, String topic, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = ServiceHarness.readCommitted(bootstrap, topic);
        while (records.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            records = ServiceHarness.readCommitted(bootstrap, topic);
        }
        List<ConsumerRecord<byte[], byte[]>> found = records;
        assertEquals(count, records.size(), () -> "notifications on " + topic + ": " + found.stream()
                .map(record -> new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)).toList());
        return records;
    }

    /**
     * What the runbook tells a consumer to do: act on a notification unless its {@code event_id}
     * was acted on already. Returns the ids acted on, in order.
     */
    private static List<String> actedOn(List<ConsumerRecord<byte[], byte[]>> notifications) {
        Set<String> seen = new HashSet<>();
        List<String> acted = new ArrayList<>();
        for (String id : eventIds(notifications)) {
            if (seen.add(id)) {
                acted.add(id);
            }
        }
        return acted;
    }

    private static List<String> eventIds(List<ConsumerRecord<byte[], byte[]>> notifications) {
        return notifications.stream().sorted(Comparator.comparingInt(ConsumerRecord::partition))
                .map(record -> eventId(record.value())).toList();
    }

    private static String eventId(byte[] notification) {
        try {
            return Json.mapper().readTree(notification).get("event_id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Per mentor: twelve 2-hour sessions with twelve mentees on consecutive days, then three deleted. */
    private static void produceHistory(ServiceHarness instance, Instant now) {
        for (int m = 0; m < MENTORS; m++) {
            String mentor = mentor(m);
            for (int n = 0; n < ACTIVITIES; n++) {
                instance.send(new ActivityEvent(EventOp.UPSERT, "rp-" + m + "-" + n, mentor, ORG, ActivityType.SESSION,
                        "me-" + n, now.minus(Duration.ofDays(ACTIVITIES - n)), 120), now);
            }
            for (int n = 0; n < DELETED; n++) {
                instance.send(new ActivityEvent(EventOp.DELETE, "rp-" + m + "-" + n, mentor, null, null, null, null,
                        null), now);
            }
        }
    }

    /** Every mentor's stats (the application caught up), without the time they were read at. */
    private static Map<String, JsonNode> stats(ServiceHarness instance) {
        String token = instance.token(Role.SYSTEM, null, null);
        Map<String, JsonNode> stats = new LinkedHashMap<>();
        for (int m = 0; m < MENTORS; m++) {
            ServiceHarness.Response response = instance.awaitGet("/api/v1/peer-mentor-stats/" + mentor(m), token,
                    r -> r.hasField("activity_count", ACTIVITIES - DELETED));
            assertTrue(response.hasField("activity_count", ACTIVITIES - DELETED), response.body());
            ObjectNode document = (ObjectNode) response.json();
            document.remove("computed_at");
            stats.put(mentor(m), document);
        }
        return stats;
    }

    private static String mentor(int m) {
        return "pm-reprocess-" + m;
    }

}
