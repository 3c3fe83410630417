package org.peerstats.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Where the topology places a mentor: partition {@code CRC32(UTF-8 peer_mentor_id) mod N} of the
 * {@code mentor-inputs} topic, N pinned by configuration. It decides where every mentor-keyed
 * store holds a mentor, whatever partitioner the producers of the input topics used, and the
 * REST router asks Kafka Streams for a mentor's owner with this same partitioner
 * ({@code queryMetadataForKey(store, id, partitioner)}), so both always agree. Defined here, with
 * a JDK checksum, rather than borrowed from a client's default: it is part of the state's format
 * (changing it needs a reset) and must not change with a Kafka upgrade.
 */
public final class MentorPartitioner<V> implements StreamPartitioner<String, V> {

    private static final MentorPartitioner<?> INSTANCE = new MentorPartitioner<>();

    private MentorPartitioner() {
    }

    /** The partitioner, for records with values of any type (placement depends on the key alone). */
    @SuppressWarnings("unchecked")
    public static <V> MentorPartitioner<V> instance() {
        return (MentorPartitioner<V>) INSTANCE;
    }

    /** A mentor's partition; a clock tick goes to every partition, for every task follows every zone's days. */
    @Override
    public Optional<Set<Integer>> partitions(String topic, String mentorId, V value, int numPartitions) {
        if (value instanceof MentorInput.ClockTick) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
        }
        return Optional.of(Set.of(partitionOf(mentorId, numPartitions)));
    }

    /** The partition of {@code mentorId} among {@code numPartitions}. */
    public static int partitionOf(String mentorId, int numPartitions) {
        if (numPartitions < 1) {
            throw new IllegalArgumentException("numPartitions must be at least 1, not " + numPartitions);
        }
        CRC32 crc = new CRC32();
        crc.update(mentorId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % numPartitions);
    }
}
