package org.peerstats.bench.state;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
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
 *
 * <p>The listener runs on the thread that restores (the state updater), so it also reads that
 * thread's CPU time at the first start and at every end: how much of the restore's wall-clock time
 * the restoring thread was on a core.
 */
public final class RestoreRun {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Set<String> UPDATER_METRICS = Set.of("restore-ratio", "checkpoint-ratio", "idle-ratio",
            "active-restoring-tasks", "restore-records-rate", "restore-call-rate");

    /**
     * @param restoreSeconds    first restore start to last restore end
     * @param startSeconds      {@code start()} to RUNNING (group join, restore, task start)
     * @param batches           {@code onBatchRestored} calls of the counted partitions
     * @param lastStartSeconds  first restore start to the last partition's start (partitions of tasks
     *                          handed to the state updater late start late)
     * @param restoringThreadCpuSeconds CPU of the restoring thread over the restore
     * @param processCpuSeconds CPU of the whole JVM over the restore (broker included)
     * @param stateUpdater      the state updater's own metrics (group {@code stream-state-updater-metrics})
     *                          when the instance is RUNNING: the ratios of its time spent restoring,
     *                          checkpointing and idle, averages over the metrics' window (2 x 30 s)
     * @param rocksDb           RocksDB's counters over the whole run when {@link CountingRocksDbConfig} is the
     *                          config setter (stall microseconds, bytes flushed and compacted), else empty
     * @param partitions        each counted partition: store, partition, start and end (seconds after the
     *                          first start), records
     */
    public record Result(long records, double restoreSeconds, double startSeconds, Map<String, Long> recordsByStore,
                         long batches, double lastStartSeconds, double restoringThreadCpuSeconds,
                         double processCpuSeconds, Map<String, Double> stateUpdater, Map<String, Long> rocksDb,
                         List<PartitionRestore> partitions) {
        public double recordsPerSecond() {
            return restoreSeconds > 0 ? records / restoreSeconds : 0;
        }
    }

    public record PartitionRestore(String store, int partition, double startSeconds, double endSeconds,
                                   long records) {
    }

    private RestoreRun() {
    }

    public static Result run(Topology topology, Properties properties, Set<String> changelogs, Duration timeout) {
        Timeline timeline = new Timeline(changelogs);
        KafkaStreams streams = new KafkaStreams(topology, properties);
        streams.setGlobalStateRestoreListener(timeline);
        StreamsWatch watch = StreamsWatch.attach(streams);
        Map<String, Double> stateUpdater;
        Map<String, Long> rocksDbAtStart = CountingRocksDbConfig.tickers();
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
            stateUpdater = stateUpdaterMetrics(streams);
        } finally {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
        return timeline.result((watch.runningAt() - started) / 1e9, stateUpdater,
                CountingRocksDbConfig.delta(rocksDbAtStart, CountingRocksDbConfig.tickers()));
    }

    /** The restore listener: when each counted partition started and ended, and the CPU used in between. */
    private static final class Timeline implements StateRestoreListener {
        private final Set<String> changelogs;
        private final Map<TopicPartition, Long> startedAt = new HashMap<>();
        private final List<PartitionRestore> partitions = new ArrayList<>();
        private final Map<String, Long> byStore = new TreeMap<>();
        private long firstStart;
        private long lastStart;
        private long lastEnd;
        private long batches;
        private long threadCpuAtStart;
        private long threadCpuAtEnd;
        private long processCpuAtStart;
        private long processCpuAtEnd;

        Timeline(Set<String> changelogs) {
            this.changelogs = changelogs;
        }

        @Override
        public synchronized void onRestoreStart(TopicPartition partition, String store, long startOffset,
                                                long endOffset) {
            if (counted(partition) && startOffset < endOffset) {
                long now = System.nanoTime();
                if (firstStart == 0) {
                    firstStart = now;
                    threadCpuAtStart = THREADS.getCurrentThreadCpuTime();
                    processCpuAtStart = processCpu();
                }
                lastStart = now;
                startedAt.put(partition, now);
            }
        }

        @Override
        public synchronized void onBatchRestored(TopicPartition partition, String store, long batchEndOffset,
                                                 long restored) {
            if (counted(partition)) {
                batches++;
            }
        }

        @Override
        public synchronized void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            if (counted(partition) && totalRestored > 0) {
                long now = System.nanoTime();
                byStore.merge(store, totalRestored, Long::sum);
                if (now > lastEnd) {
                    lastEnd = now;
                    threadCpuAtEnd = THREADS.getCurrentThreadCpuTime();
                    processCpuAtEnd = processCpu();
                }
                long start = startedAt.getOrDefault(partition, firstStart);
                partitions.add(new PartitionRestore(store, partition.partition(), (start - firstStart) / 1e9,
                        (now - firstStart) / 1e9, totalRestored));
            }
        }

        private boolean counted(TopicPartition partition) {
            return changelogs.contains(partition.topic());
        }

        synchronized Result result(double startSeconds, Map<String, Double> stateUpdater, Map<String, Long> rocksDb) {
            long records = byStore.values().stream().mapToLong(Long::longValue).sum();
            double restoreSeconds = firstStart == 0 ? 0 : (lastEnd - firstStart) / 1e9;
            List<PartitionRestore> sorted = partitions.stream()
                    .sorted(Comparator.comparingDouble(PartitionRestore::startSeconds)).toList();
            return new Result(records, restoreSeconds, startSeconds, new TreeMap<>(byStore), batches,
                    firstStart == 0 ? 0 : (lastStart - firstStart) / 1e9, (threadCpuAtEnd - threadCpuAtStart) / 1e9,
                    (processCpuAtEnd - processCpuAtStart) / 1e9, stateUpdater, rocksDb, sorted);
        }
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** The state updater's metrics, by name (summed over threads: one here). */
    private static Map<String, Double> stateUpdaterMetrics(KafkaStreams streams) {
        Map<String, Double> values = new TreeMap<>();
        streams.metrics().forEach((name, metric) -> {
            if ("stream-state-updater-metrics".equals(name.group()) && UPDATER_METRICS.contains(name.name())
                    && metric.metricValue() instanceof Number n && !Double.isNaN(n.doubleValue())) {
                values.merge(name.name(), n.doubleValue(), Double::sum);
            }
        });
        return values;
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
