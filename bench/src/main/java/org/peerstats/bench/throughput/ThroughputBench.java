package org.peerstats.bench.throughput;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.peerstats.bench.Dirs;
import org.peerstats.bench.state.RocksDbMetrics;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.InputAnomaly;
import org.peerstats.streams.topology.DeadLetterListener;
import org.peerstats.streams.topology.PeerstatsTopology;
import org.peerstats.streams.topology.StreamsOptions;
import org.peerstats.streams.topology.TopologySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The throughput comparison: the peerstats topology under exactly_once_v2, a pass-through app
 * under the same guarantee and the topology under at_least_once, each over the same preloaded
 * input with a fresh application id (so from offset 0, with empty state), in rounds whose order
 * rotates so that warm-up and background noise fall on every kind alike.
 *
 * <p>Every run sets {@code commit.interval.ms} to the service's exactly_once_v2 setting
 * ({@link StreamsOptions#EXACTLY_ONCE_COMMIT_INTERVAL_MS}), so that at_least_once (default 30 s)
 * is compared at the same commit frequency and "caught up" is detected equally soon for every kind.
 */
public final class ThroughputBench {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputBench.class);

    /** The commit interval of every run. */
    public static final String COMMIT_INTERVAL_MS = String.valueOf(StreamsOptions.EXACTLY_ONCE_COMMIT_INTERVAL_MS);

    private final String bootstrapServers;
    private final TopologySettings settings;
    private final String passThroughOutput;
    private final Path runsDir;
    private final ConsumerGroupLag lag;
    private final Duration runTimeout;
    private final Map<String, String> overrides;

    /** @param overrides Kafka Streams settings applied last to every run (what-if runs) */
    public ThroughputBench(String bootstrapServers, TopologySettings settings, String passThroughOutput, Path runsDir,
                           ConsumerGroupLag lag, Duration runTimeout, Map<String, String> overrides) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.passThroughOutput = passThroughOutput;
        this.runsDir = runsDir;
        this.lag = lag;
        this.runTimeout = runTimeout;
        this.overrides = Map.copyOf(overrides);
    }

    /** The settings every run gets beyond {@link StreamsOptions}: the commit interval, then the overrides. */
    public static Map<String, String> extra(Map<String, String> overrides) {
        Map<String, String> extra = new java.util.LinkedHashMap<>();
        extra.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        extra.putAll(overrides);
        return extra;
    }

    /** All runs, and the last topology run under exactly_once_v2, whose state is kept. */
    public record Outcome(List<StreamsRun.Result> runs, int rounds, KeptRun kept) {
    }

    /**
     * The kept run: its state lives under {@code dataDir/streams/<applicationId>}, closed
     * cleanly (stores flushed, checkpoints written), so a service on {@code dataDir} with the
     * same application id starts without restoring.
     */
    public record KeptRun(String applicationId, Path dataDir, Map<String, Double> rocksDbMetrics) {
    }

    /**
     * Runs {@code kinds} in up to {@code maxRounds} rounds; after the first, a round only starts
     * when the previous round's duration still fits in {@code budget}.
     *
     * @param tag part of the application ids, to tell benchmark phases apart
     */
    public Outcome run(List<AppKind> kinds, int maxRounds, Duration budget, String tag) {
        Topics topics = settings.topics();
        Map<TopicPartition, Long> topologyInput =
                lag.endOffsets(List.of(topics.activities().name(), topics.trainingCompletions().name()));
        Map<TopicPartition, Long> passThroughInput = lag.endOffsets(List.of(topics.activities().name()));
        List<StreamsRun.Result> results = new ArrayList<>();
        KeptRun kept = null;
        long started = System.nanoTime();
        long lastRoundNanos = 0;
        int round = 0;
        while (round < maxRounds) {
            long elapsed = System.nanoTime() - started;
            if (round > 0 && elapsed + lastRoundNanos > budget.toNanos()) {
                LOG.info("{}: stopping after {} round(s), another would not fit in {} s", tag, round,
                        budget.toSeconds());
                break;
            }
            round++;
            long roundStart = System.nanoTime();
            for (int i = 0; i < kinds.size(); i++) {
                AppKind kind = kinds.get((i + round - 1) % kinds.size());
                String applicationId = "bench-" + tag + "-" + kind.label().replace('_', '-') + "-r" + round + "-"
                        + UUID.randomUUID().toString().substring(0, 8);
                Path dataDir = runsDir.resolve(applicationId);
                Properties properties = properties(kind, applicationId, dataDir.resolve("streams"));
                Topology topology = kind.isTopology() ? PeerstatsTopology.build(settings)
                        : PassThroughTopology.build(topics, passThroughOutput, settings.mentorPartitions(),
                                kind == AppKind.PASSTHROUGH_SAME_HOPS_EOS);
                AtomicReference<Map<String, Double>> metrics = new AtomicReference<>(Map.of());
                Consumer<KafkaStreams> beforeClose = kind == AppKind.TOPOLOGY_EOS
                        ? streams -> metrics.set(RocksDbMetrics.totals(streams)) : streams -> { };
                StreamsRun.Result result = StreamsRun.run(kind, round, topology, properties, lag,
                        kind.isTopology() ? topologyInput : passThroughInput, runTimeout, beforeClose);
                LOG.info("{} round {} {}: {} records in {} s = {} records/s; CPU {} µs/record in its threads, {} in "
                                + "the JVM; start-up {} s", tag, round, kind.label(), result.records(),
                        String.format("%.2f", result.processingSeconds()),
                        String.format("%.0f", result.recordsPerSecond()),
                        String.format("%.0f", result.applicationCpuMicrosPerRecord()),
                        String.format("%.0f", result.processCpuMicrosPerRecord()),
                        String.format("%.2f", result.startupSeconds()));
                LOG.info("{} round {} {}: JVM CPU by thread group (s): {}", tag, round, kind.label(),
                        result.cpuSecondsByThreadGroup());
                results.add(result);
                if (kind == AppKind.TOPOLOGY_EOS) {
                    if (kept != null) {
                        forget(kept.applicationId(), kept.dataDir());
                    }
                    kept = new KeptRun(applicationId, dataDir, metrics.get());
                } else {
                    forget(applicationId, dataDir);
                }
            }
            lastRoundNanos = System.nanoTime() - roundStart;
        }
        return new Outcome(List.copyOf(results), round, kept);
    }

    /**
     * Deletes a finished run's state and its changelog topics, so that the broker's log cleaner
     * does not go on compacting them while later runs are measured.
     */
    private void forget(String applicationId, Path dataDir) {
        Dirs.deleteRecursively(dataDir);
        deleteInternalTopics(lag.admin(), applicationId);
    }

    /** Deletes the topics Kafka Streams created for {@code applicationId} (changelogs, repartition topics). */
    public static void deleteInternalTopics(Admin admin, String applicationId) {
        try {
            List<String> internal = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(applicationId + "-")).toList();
            if (!internal.isEmpty()) {
                admin.deleteTopics(internal).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot delete the topics of " + applicationId + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private Properties properties(AppKind kind, String applicationId, Path stateDir) {
        return new StreamsOptions(applicationId, bootstrapServers, stateDir, null, null, 0, kind.guarantee(),
                settings.topics(), DeadLetterListener.NONE, InputAnomaly.Listener.NONE, extra(overrides)).toProperties();
    }
}
