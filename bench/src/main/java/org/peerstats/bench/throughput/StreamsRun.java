package org.peerstats.bench.throughput;

import org.peerstats.bench.StreamsWatch;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams application over preloaded input until its consumer group has no lag,
 * and times it. Processing time runs from the moment the application is RUNNING (its tasks are
 * assigned and ready) to the first lag check that finds every input record committed, so group
 * formation and topic creation are left out (they are reported as the start-up time). The lag is
 * checked every 25 ms and offsets are committed every 100 ms, so the end is seen up to about
 * 125 ms late.
 */
public final class StreamsRun {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRun.class);
    private static final Duration LAG_POLL = Duration.ofMillis(25);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param records                  input records processed
     * @param startupSeconds           from {@code start()} to RUNNING
     * @param processingSeconds        from RUNNING to no lag
     * @param applicationCpuSeconds    CPU of the application's own threads while processing
     * @param processCpuSeconds        CPU of the whole JVM (broker included) while processing
     * @param cpuSecondsByThreadGroup  where the JVM's CPU went while processing, largest first
     */
    public record Result(String kind, String applicationId, String guarantee, int round, long records,
                         double startupSeconds, double processingSeconds, double applicationCpuSeconds,
                         double processCpuSeconds, Map<String, Double> cpuSecondsByThreadGroup) {

        public double recordsPerSecond() {
            return processingSeconds > 0 ? records / processingSeconds : 0;
        }

        /** CPU microseconds of the application's threads per record. */
        public double applicationCpuMicrosPerRecord() {
            return records > 0 ? applicationCpuSeconds * 1e6 / records : 0;
        }

        /** CPU microseconds of the whole JVM (broker, clients, application) per record. */
        public double processCpuMicrosPerRecord() {
            return records > 0 ? processCpuSeconds * 1e6 / records : 0;
        }
    }

    private StreamsRun() {
    }

    /**
     * Starts the application, waits (at most {@code timeout}) until it has caught up with
     * {@code inputEnd}, hands it to {@code beforeClose} and closes it, leaving the consumer group.
     *
     * @throws IllegalStateException when the application fails or does not catch up in time
     */
    public static Result run(AppKind kind, int round, Topology topology, Properties properties,
                             ConsumerGroupLag lag, Map<TopicPartition, Long> inputEnd, Duration timeout,
                             Consumer<KafkaStreams> beforeClose) {
        String applicationId = properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        long records = inputEnd.values().stream().mapToLong(Long::longValue).sum();
        KafkaStreams streams = new KafkaStreams(topology, properties);
        StreamsWatch watch = StreamsWatch.attach(streams);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long lastReport = started;
        ThreadCpu.Snapshot cpuAtRunning = null;
        try {
            streams.start();
            while (true) {
                sleep(LAG_POLL);
                if (watch.failure() != null) {
                    throw new IllegalStateException(kind.label() + " run " + applicationId + " failed: "
                            + watch.failure().getMessage(), watch.failure());
                }
                KafkaStreams.State state = streams.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException(kind.label() + " run " + applicationId + " stopped: " + state);
                }
                if (watch.runningAt() != 0 && cpuAtRunning == null) {
                    cpuAtRunning = ThreadCpu.snapshot();
                }
                long remaining = watch.runningAt() == 0 ? records : lag.lag(applicationId, inputEnd);
                if (LOG.isDebugEnabled() && System.nanoTime() - lastReport > 1_000_000_000L) {
                    LOG.debug("{}: state {}, lag {}", applicationId, state, remaining);
                    lastReport = System.nanoTime();
                }
                if (watch.runningAt() != 0 && remaining == 0) {
                    long done = System.nanoTime();
                    ThreadCpu.Snapshot cpuAtEnd = ThreadCpu.snapshot();
                    beforeClose.accept(streams);
                    return new Result(kind.label(), applicationId, kind.guarantee(), round, records,
                            (watch.runningAt() - started) / 1e9, (done - watch.runningAt()) / 1e9,
                            (cpuAtEnd.applicationNanos(applicationId) - cpuAtRunning.applicationNanos(applicationId))
                                    / 1e9,
                            (cpuAtEnd.processNanos() - cpuAtRunning.processNanos()) / 1e9,
                            ThreadCpu.byGroup(cpuAtRunning, cpuAtEnd, applicationId, 8));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(kind.label() + " run " + applicationId + " did not catch up with "
                            + records + " records within " + timeout.toSeconds() + " s (state " + state + ", lag "
                            + remaining + ")");
                }
            }
        } finally {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
