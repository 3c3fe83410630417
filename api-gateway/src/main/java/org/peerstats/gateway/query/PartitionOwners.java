package org.peerstats.gateway.query;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.peerstats.streams.topology.MentorPartitioner;

/**
 * Which instances host each partition of the mentor-keyed stores, as {@code queryMetadataForKey}
 * says, remembered for {@link #TTL}. Kafka Streams answers that question by copying every
 * instance's set of input partitions on each call — a quarter of what a stats request cost over
 * a trivial one in the benchmark — while the answer only changes in a rebalance.
 *
 * <p>An answer is kept only while the instance is running, only when it names a host, and only
 * when its partition is the one {@link MentorPartitioner} gives with the configured count of
 * {@code mentor-inputs} partitions (so an answer for another count is never kept). After a
 * rebalance, a kept answer can be wrong for at most {@link #TTL}; a request routed on it meets
 * the checks that already guard a rebalance: the former owner does not forward it again and
 * answers 503 with Retry-After, and a local read of a store this instance no longer has fails the
 * same way.
 */
final class PartitionOwners {

    static final Duration TTL = Duration.ofMillis(250);
    private record Kept(KeyQueryMetadata metadata, long expiresAtNanos) {
    }

    private final Function<String, KeyQueryMetadata> lookup;
    private final BooleanSupplier running;
    private final LongSupplier nanoClock;
    private final int partitions;
    private final AtomicReferenceArray<Kept> kept;

    /**
     * @param lookup     the metadata Kafka Streams gives for a mentor id (null or not available
     *                   while it rebalances)
     * @param running    whether the instance is RUNNING (answers are kept only then)
     * @param partitions the configured partition count of {@code mentor-inputs}
     */
    PartitionOwners(Function<String, KeyQueryMetadata> lookup, BooleanSupplier running, LongSupplier nanoClock,
                    int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        this.lookup = lookup;
        this.running = running;
        this.nanoClock = nanoClock;
        this.partitions = partitions;
        this.kept = new AtomicReferenceArray<>(partitions);
    }

    /** Where {@code mentorId}'s partition lives: a kept answer if it is fresh, else Kafka Streams' own. */
    KeyQueryMetadata locate(String mentorId) {
        int partition = MentorPartitioner.partitionOf(mentorId, partitions);
        long now = nanoClock.getAsLong();
        Kept known = kept.get(partition);
        if (known != null && now - known.expiresAtNanos < 0) {
            return known.metadata;
        }
        KeyQueryMetadata fresh = lookup.apply(mentorId);
        if (usable(fresh) && fresh.partition() == partition && running.getAsBoolean()) {
            kept.set(partition, new Kept(fresh, now + TTL.toNanos()));
        }
        return fresh;
    }

    static boolean usable(KeyQueryMetadata metadata) {
        return metadata != null && !KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                && !HostInfo.unavailable().equals(metadata.activeHost());
    }
}
