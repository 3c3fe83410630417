package org.peerstats.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.serde.Json;

/**
 * A bug in the middle of a record, on a real broker under exactly_once_v2: {@link PoisonActivity}
 * throws after {@code apply-activity} has written the stats stores and sent the stats of the
 * activity {@code poison}. Nothing of that record may be committed; the stream thread is
 * replaced once (the budget here), meets the record again and the instance stops, saying why;
 * once the bug is gone a restarted instance takes up exactly at that record.
 */
class FailurePolicyIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-03-26T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String MENTOR = "pm-poisoned";
    private static final String STATS = "/api/v1/peer-mentor-stats/" + MENTOR;

    @TempDir
    Path dir;

    @Test
    void aBugAfterTheStatsWereWrittenCommitsNothingOfItsRecordAndStopsTheInstanceUntilItIsFixed() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"), 0)) {
            String applicationId = "peerstats-failure-" + UUID.randomUUID();
            try (ServiceHarness buggy = service(broker, applicationId, Map.of(
                    "PEERSTATS_STREAM_THREAD_RESTARTS", "1",
                    "PEERSTATS_KAFKA_PROCESSOR_WRAPPER_CLASS", PoisonActivity.class.getName()))) {
                buggy.send(activity("before"), NOW);
                assertEquals(List.of(1L), awaitCommittedCounts(buggy, 1));
                buggy.send(activity(PoisonActivity.ID), NOW);

                ServiceHarness.Response ready = buggy.awaitGet("/health/ready", null,
                        r -> r.body().contains("stopped after"));
                assertEquals(503, ready.status());
                assertEquals("not ready: stopped after 2 failures in 10 min: IllegalStateException: a bug met "
                        + "activity poison after its stats were written", ready.json().at("/error/message").asText());
                String metrics = buggy.awaitGet("/metrics", null,
                        r -> r.body().contains("peerstats_stream_threads_not_running 1.0")).body();
                assertTrue(metrics.contains("peerstats_stream_threads_not_running 1.0"), metrics);
                assertTrue(metrics.contains("peerstats_stream_thread_failures_total 2.0"), metrics);
                assertFalse(metrics.contains("peerstats_dead_letters_total"), "a bug is not bad input: " + metrics);
                // The poison's stats were sent twice and aborted twice: only the earlier activity's are committed.
                assertEquals(List.of(1L), committedCounts(buggy));
                String admin = buggy.token(Role.ADMIN, null, null);
                assertEquals(503, buggy.get(STATS, admin).status());
                assertEquals(503, buggy.get("/api/v1/earned-badges", admin).status());
            }
            try (ServiceHarness fixed = service(broker, applicationId, Map.of())) {
                String admin = fixed.token(Role.ADMIN, null, null);
                assertTrue(fixed.awaitGet(STATS, admin, r -> r.hasField("activity_count", 2))
                        .hasField("activity_count", 2));
                assertEquals(List.of(1L, 2L), awaitCommittedCounts(fixed, 2));
                assertEquals(200, fixed.get("/health/ready", null).status());
            }
        }
    }

    private ServiceHarness service(EmbeddedKafkaBroker broker, String applicationId, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(settings);
        // The replaced thread's consumer stays in the group until its session times out.
        environment.put("PEERSTATS_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        // Few tasks, so that each replacement and restart restores little.
        environment.put("PEERSTATS_TOPIC_PARTITIONS", "1");
        environment.put("PEERSTATS_MENTOR_PARTITIONS", "1");
        return new ServiceHarness(broker.bootstrapServers(), dir.resolve("service"), applicationId, CLOCK,
                environment);
    }

    private static ActivityEvent activity(String id) {
        return new ActivityEvent(EventOp.UPSERT, id, MENTOR, "org-nhf-oslo", ActivityType.SESSION, "mentee-1",
                NOW.minus(Duration.ofHours(2)), 30);
    }

    private static List<Long> awaitCommittedCounts(ServiceHarness harness, int documents) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Long> counts = committedCounts(harness);
        while (counts.size() < documents && System.nanoTime() < deadline) {
            counts = committedCounts(harness);
        }
        return counts;
    }

    /** The mentor's {@code activity_count} in every committed {@code mentor-stats} document, in order. */
    private static List<Long> committedCounts(ServiceHarness harness) {
        List<Long> counts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record
                : ServiceHarness.readCommitted(harness.bootstrapServers(), harness.topics.mentorStats().name())) {
            if (MENTOR.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                counts.add(activityCount(record.value()));
            }
        }
        return counts;
    }

    private static long activityCount(byte[] statsDocument) {
        try {
            return Json.mapper().readTree(statsDocument).get("activity_count").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
