package org.peerstats.bench.throughput;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets read through the Admin client: the end of input topics, and how far an application's
 * consumer group has committed. Under exactly_once_v2 offsets are committed in the same
 * transaction as the outputs, so a group with no lag has published all it computed. The lag
 * includes the application's own repartition topics ({@code <application.id>-…-repartition}):
 * the topology's mentors' task reads {@code mentor-inputs}, so an application whose input is all
 * committed may still have events to apply.
 */
public final class ConsumerGroupLag {

    private static final long TIMEOUT_SECONDS = 30;

    /** How long a look-up that found no repartition topic for a group is trusted. */
    private static final long NONE_FOUND_TTL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private record Repartitions(List<TopicPartition> partitions, long foundAtNanos) {
    }

    private final Admin admin;
    private final Map<String, Repartitions> repartitions = new ConcurrentHashMap<>();

    public ConsumerGroupLag(Admin admin) {
        this.admin = admin;
    }

    public Admin admin() {
        return admin;
    }

    /** The end offset of every partition of {@code topics} (latest, as seen by read_committed readers). */
    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(topics).allTopicNames());
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.forEach((name, description) -> description.partitions()
                .forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        return endOffsetsOf(partitions);
    }

    /** The end offset of each of {@code partitions}, without describing their topics again. */
    public Map<TopicPartition, Long> endOffsetsOf(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = get(admin.listOffsets(request).all());
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * The records {@code groupId} has not committed yet on the given partitions and, up to their
     * current end, on its own repartition topics (missing commits count as 0).
     */
    public long lag(String groupId, Map<TopicPartition, Long> endOffsets) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
        List<TopicPartition> internal = repartitionsOf(groupId);
        return behind(committed, endOffsets) + (internal.isEmpty() ? 0 : behind(committed, endOffsetsOf(internal)));
    }

    private static long behind(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> endOffsets) {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += Math.max(0, end.getValue() - (offset == null ? 0 : offset.offset()));
        }
        return lag;
    }

    /** The partitions of the application's repartition topics; created when it starts, then fixed. */
    private List<TopicPartition> repartitionsOf(String applicationId) {
        Repartitions known = repartitions.get(applicationId);
        if (known != null && (!known.partitions().isEmpty()
                || System.nanoTime() - known.foundAtNanos() < NONE_FOUND_TTL_NANOS)) {
            return known.partitions();
        }
        List<String> names = get(admin.listTopics().names()).stream()
                .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition")).toList();
        List<TopicPartition> partitions = names.isEmpty() ? List.of() : List.copyOf(endOffsets(names).keySet());
        repartitions.put(applicationId, new Repartitions(partitions, System.nanoTime()));
        return partitions;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the broker for offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read offsets from the broker: " + e.getMessage(), e);
        }
    }
}
