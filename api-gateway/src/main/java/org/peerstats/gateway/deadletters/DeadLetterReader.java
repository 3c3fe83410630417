package org.peerstats.gateway.deadletters;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.streams.Topics;

/**
 * Reads the dead-letter topic and the replay markers, {@code read_committed}: Kafka Streams writes
 * a dead letter in the transaction of the record that was refused, so an aborted attempt's dead
 * letter is not one, and a replay's marker counts only once its transaction committed. A consumer
 * without a group (partitions assigned, nothing committed): reading changes nothing on the
 * cluster and needs no group ACL.
 */
public final class DeadLetterReader implements AutoCloseable {

    /** How long a read may go without progress before it gives up (an unreachable broker, say). */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;

    public DeadLetterReader(KafkaClients clients, Topics topics) {
        this.consumer = new KafkaConsumer<>(clients.consumer(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // asking for a topic that does not exist must not create it on a cluster that auto-creates
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis())),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
    }

    /** Whether {@code topic} exists (its metadata names partitions). */
    public boolean exists(String topic) {
        return !partitions(topic).isEmpty();
    }

    /** Every dead letter, partition by partition in offset order, as far as committed now. */
    public void forEach(Consumer<DeadLetter> action) {
        readAll(topics.deadLetter().name(), record -> action.accept(DeadLetter.of(record)));
    }

    /**
     * The dead letters sent back so far, each with where and when it went; empty when the
     * markers' topic does not exist. A marker deleted with a tombstone no longer counts.
     */
    public Optional<Map<DeadLetterId, String>> replays() {
        Topics.Topic<String, String> markers = topics.deadLetterReplays();
        if (!exists(markers.name())) {
            return Optional.empty();
        }
        Deserializer<String> keys = markers.keySerde().deserializer();
        Deserializer<String> values = markers.valueSerde().deserializer();
        Map<DeadLetterId, String> replayed = new HashMap<>();
        readAll(markers.name(), record -> {
            DeadLetterId id;
            try {
                id = DeadLetterId.parse(String.valueOf(keys.deserialize(markers.name(), record.key())));
            } catch (IllegalArgumentException notAMarker) {
                return;
            }
            if (record.value() == null) {
                replayed.remove(id);
            } else {
                replayed.put(id, values.deserialize(markers.name(), record.value()));
            }
        });
        return Optional.of(replayed);
    }

    /** The committed dead letter at {@code id}, or empty when there is none there. */
    public Optional<DeadLetter> find(DeadLetterId id) {
        TopicPartition partition = new TopicPartition(topics.deadLetter().name(), id.partition());
        if (!partitions(partition.topic()).contains(partition)) {
            return Optional.empty();
        }
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        if (id.offset() < consumer.beginningOffsets(List.of(partition)).get(partition) || id.offset() >= end) {
            return Optional.empty();
        }
        consumer.seek(partition, id.offset());
        Progress progress = new Progress();
        while (consumer.position(partition) < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                // the first record at or after the offset: a transaction marker or an aborted record is skipped
                return record.offset() == id.offset() ? Optional.of(DeadLetter.of(record)) : Optional.empty();
            }
            progress.check(consumer.position(partition), partition.topic());
        }
        return Optional.empty();
    }

    /** {@code "partition 0 has offsets 0 to 11; ..."}, or which partitions there are: for a refusal. */
    public String describe(int partitionNumber) {
        String topic = topics.deadLetter().name();
        List<TopicPartition> partitions = partitions(topic);
        TopicPartition partition = new TopicPartition(topic, partitionNumber);
        if (!partitions.contains(partition)) {
            return topic + " has partitions 0 to " + (partitions.size() - 1);
        }
        long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        return begin == end ? "partition " + partitionNumber + " is empty"
                : "partition " + partitionNumber + " has offsets " + begin + " to " + (end - 1)
                        + "; a transaction marker takes an offset too";
    }

    private List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /**
     * Every committed record of {@code topic} up to its end now, one partition after the other,
     * so that records are handed on as they are read, in order, and none is kept.
     */
    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> action) {
        for (TopicPartition partition : partitions(topic)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            Progress progress = new Progress();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end) {
                        action.accept(record);
                    }
                }
                progress.check(consumer.position(partition), topic);
            }
        }
    }

    /** Fails a read that has not moved for {@link #PATIENCE}. */
    private static final class Progress {
        private long position = -1;
        private long since = System.nanoTime();

        void check(long now, String topic) {
            if (now != position) {
                position = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > PATIENCE.toNanos()) {
                throw new IllegalStateException("reading " + topic + " made no progress for " + PATIENCE.toSeconds()
                        + " s");
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
