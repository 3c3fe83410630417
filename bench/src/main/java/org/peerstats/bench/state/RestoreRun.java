package org.peerstats.bench.state;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.peerstats.bench.StreamsWatch;

/**
 * A fresh instance of an application — same application id, empty state directory — restoring
 * its stores from the changelog topics, timed by a {@link StateRestoreListener}: from the first
 * changelog partition's restore start to the last one's end. Global stores also report to the
 * listener (every partition, even with nothing to restore, before the stream threads join the
 * group), so only partitions of the given changelog topics with records to restore are counted.
 */
public final class RestoreRun {

    private static final Duration POLL = Duration.ofMillis(20);

    /**
     * @param restoreSeconds first restore start to last restore end
     * @param startSeconds   {@code start()} to RUNNING (group join, restore, task start)
     * @param batches        {@code onBatchRestored} calls of the counted partitions
     */
    public record Result(long records, double restoreSeconds, double startSeconds, Map<String, Long> recordsByStore,
                         long batches) {
        public double recordsPerSecond() {
            return restoreSeconds > 0 ? records / restoreSeconds : 0;
        }
    }

    private RestoreRun() {
    }

    public static Result run(Topology topology, Properties properties, Set<String> changelogs, Duration timeout) {
        AtomicLong firstStart = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        Map<String, Long> byStore = new ConcurrentHashMap<>();
        KafkaStreams streams = new KafkaStreams(topology, properties);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
                if (counted(partition) && startOffset < endOffset) {
                    firstStart.compareAndSet(0, System.nanoTime());
                }
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
                if (counted(partition)) { // records are counted at the end, per partition
                    batches.incrementAndGet();
                }
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                if (counted(partition) && totalRestored > 0) {
                    byStore.merge(store, totalRestored, Long::sum);
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }

            private boolean counted(TopicPartition partition) {
                return changelogs.contains(partition.topic());
            }
        });
        StreamsWatch watch = StreamsWatch.attach(streams);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        try {
            streams.start();
            while (watch.runningAt() == 0) {
                if (watch.failure() != null) {
                    throw new IllegalStateException("restoring instance failed: " + watch.failure().getMessage(),
                            watch.failure());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("restoring instance not RUNNING within " + timeout.toSeconds()
                            + " s (state " + streams.state() + ")");
                }
                sleep();
            }
        } finally {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
        long records = byStore.values().stream().mapToLong(Long::longValue).sum();
        double restoreSeconds = firstStart.get() == 0 ? 0 : (lastEnd.get() - firstStart.get()) / 1e9;
        return new Result(records, restoreSeconds, (watch.runningAt() - started) / 1e9, new TreeMap<>(byStore),
                batches.get());
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
