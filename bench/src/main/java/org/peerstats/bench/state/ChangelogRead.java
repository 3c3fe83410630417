package org.peerstats.bench.state;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A plain {@link KafkaConsumer} reading topics from the beginning to their end (read_committed,
 * as a restoring Kafka Streams instance does): the yardstick for restore speed. It is timed from
 * the first fetch, once its partitions, positions and end offsets are known, as a restore is
 * timed from its first partition's start. Optionally
 * keeps the latest value size per key, which gives the live, logical size of a changelog.
 */
public final class ChangelogRead {

    /**
     * @param liveBytes per topic: key + value bytes of the latest non-null value of every key
     *                  (empty when not asked for)
     * @param liveKeys  per topic: keys whose latest value is not a tombstone
     */
    public record Result(long records, long bytes, double seconds, Map<String, Long> liveBytes,
                         Map<String, Long> liveKeys) {
        public double recordsPerSecond() {
            return seconds > 0 ? records / seconds : 0;
        }
    }

    private ChangelogRead() {
    }

    public static Result readToEnd(String bootstrapServers, Collection<String> topics, boolean keepSizes,
                                   Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Map<ByteBuffer, Integer>> latest = new HashMap<>();
        long records = 0;
        long bytes = 0;
        double seconds;
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // timed like a restore: from the first fetch, once the partitions and their ends are known
            long started = System.nanoTime();
            long deadline = started + timeout.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topics + " did not reach the end within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    records++;
                    int keySize = record.key() == null ? 0 : record.key().length;
                    int valueSize = record.value() == null ? 0 : record.value().length;
                    bytes += keySize + valueSize;
                    if (keepSizes && record.key() != null) {
                        Map<ByteBuffer, Integer> sizes = latest.computeIfAbsent(record.topic(), t -> new HashMap<>());
                        if (record.value() == null) {
                            sizes.remove(ByteBuffer.wrap(record.key()));
                        } else {
                            sizes.put(ByteBuffer.wrap(record.key()), keySize + valueSize);
                        }
                    }
                }
            }
            seconds = (System.nanoTime() - started) / 1e9; // before close(), which is no part of reading
        }
        Map<String, Long> liveBytes = new TreeMap<>();
        Map<String, Long> liveKeys = new TreeMap<>();
        latest.forEach((topic, sizes) -> {
            liveBytes.put(topic, sizes.values().stream().mapToLong(Integer::longValue).sum());
            liveKeys.put(topic, (long) sizes.size());
        });
        return new Result(records, bytes, seconds, liveBytes, liveKeys);
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }
}
