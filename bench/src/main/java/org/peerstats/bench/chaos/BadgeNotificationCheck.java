package org.peerstats.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.peerstats.streams.serde.Json;

/**
 * Reads {@code badge-notifications} from the beginning with a {@code read_committed} consumer, as
 * a push or e-mail service would, and compares, per mentor and badge definition, the sequence of
 * transitions ({@code badge_awarded}, {@code badge_revoked}) with the reference's: each expected
 * transition exactly once, in order, nothing else; and no {@code event_id} twice.
 *
 * <p>The service's stores are read uncommitted, so the last transitions may still be in an open
 * transaction when the stats are already fresh: it reads on until the sequences match or
 * {@code patience} has passed.
 */
final class BadgeNotificationCheck {

    record Outcome(boolean exact, long notifications, long expectedTransitions, List<String> differences) {
    }

    static Outcome check(String bootstrapServers, String topic, List<MentorReference> mentors, Duration patience) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        long expectedCount = 0;
        for (MentorReference mentor : mentors) {
            for (Map.Entry<String, List<String>> badge : mentor.transitions().entrySet()) {
                expected.put(mentor.mentorId + " " + badge.getKey(), badge.getValue());
                expectedCount += badge.getValue().size();
            }
        }
        Map<String, List<String>> actual = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        List<String> duplicateIds = new ArrayList<>();
        long read = 0;
        long deadline = System.nanoTime() + patience.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // the last stable offsets
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        read++;
                        JsonNode json = parse(record.value());
                        String id = json.path("event_id").asText();
                        if (!eventIds.add(id)) {
                            duplicateIds.add(id);
                        }
                        actual.computeIfAbsent(json.path("peer_mentor_id").asText() + " "
                                + json.path("badge_definition_id").asText(), k -> new ArrayList<>())
                                .add(json.path("type").asText());
                    }
                }
                List<String> differences = differences(expected, actual);
                if (!duplicateIds.isEmpty()) {
                    differences.add(duplicateIds.size() + " event_id(s) published more than once, e.g. "
                            + duplicateIds.subList(0, Math.min(5, duplicateIds.size())));
                }
                if (differences.isEmpty() || System.nanoTime() > deadline) {
                    return new Outcome(differences.isEmpty(), read, expectedCount, differences);
                }
                sleep();
            }
        }
    }

    private static List<String> differences(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : expected.entrySet()) {
            List<String> seen = actual.getOrDefault(entry.getKey(), List.of());
            if (!seen.equals(entry.getValue())) {
                differences.add(entry.getKey() + ": expected " + entry.getValue() + ", read " + seen);
            }
        }
        for (Map.Entry<String, List<String>> entry : actual.entrySet()) {
            if (!expected.containsKey(entry.getKey())) {
                differences.add(entry.getKey() + ": expected no transition, read " + entry.getValue());
            }
        }
        return differences;
    }

    private static JsonNode parse(byte[] value) {
        try {
            return Json.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a badge notification that is not JSON", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private BadgeNotificationCheck() {
    }
}
