package org.peerstats.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.peerstats.bench.lists.ListsBench;
import org.peerstats.bench.peer.PeerBench;
import org.peerstats.bench.report.Latency;
import org.peerstats.bench.service.FreshnessBench;
import org.peerstats.bench.service.HttpLoad;
import org.peerstats.bench.service.KeepAliveClient;
import org.peerstats.bench.service.StatsReader;
import org.peerstats.bench.state.ChangelogRead;
import org.peerstats.bench.state.RestoreRun;
import org.peerstats.bench.state.StateDirSize;
import org.peerstats.bench.throughput.AppKind;
import org.peerstats.bench.throughput.ConsumerGroupLag;
import org.peerstats.bench.throughput.StreamsRun;
import org.peerstats.bench.throughput.ThroughputBench;
import org.peerstats.bench.workload.Mentor;
import org.peerstats.bench.workload.Preloader;
import org.peerstats.bench.workload.Workload;
import org.peerstats.bench.workload.WorkloadGenerator;
import org.peerstats.bench.workload.WorkloadSpec;
import org.peerstats.gateway.auth.Principal;
import org.peerstats.gateway.auth.Role;
import org.peerstats.gateway.auth.TokenIssuer;
import org.peerstats.gateway.kafka.KafkaClients;
import org.peerstats.gateway.runtime.BadgeDefinitionSeeder;
import org.peerstats.gateway.runtime.EmbeddedKafkaBroker;
import org.peerstats.gateway.runtime.PeerstatsConfig;
import org.peerstats.gateway.runtime.PeerstatsService;
import org.peerstats.gateway.runtime.TopicProvisioner;
import org.peerstats.streams.Topics;
import org.peerstats.streams.events.InputAnomaly;
import org.peerstats.streams.topology.DeadLetterListener;
import org.peerstats.streams.topology.PeerstatsTopology;
import org.peerstats.streams.topology.StreamsOptions;
import org.peerstats.streams.topology.TopologySettings;
import org.rocksdb.CompressionType;

/**
 * One benchmark run, start to end, on a fresh embedded broker in this JVM:
 * <ol>
 *   <li>generate the workload and preload it into the activities topic;</li>
 *   <li>throughput: the topology (exactly_once_v2), a pass-through app and the topology
 *       (at_least_once), alternating, each from offset 0 with a fresh application id;</li>
 *   <li>state size of the last exactly_once_v2 run, as closed and after a full compaction;</li>
 *   <li>the real service ({@link PeerstatsService}) on that run's state: a correctness check,
 *       freshness at half the measured throughput, GET load against the stats and a trivial
 *       endpoint; then the PostgreSQL peer ({@link PeerBench}) beside it: the same workload in a table,
 *       the same GET load on the same statistics by SQL, its answers compared with the service's;</li>
 *   <li>restore of a fresh instance from the changelogs, against a plain consumer reading them.</li>
 * </ol>
 */
public final class Benchmark {

    static final String TOPIC_PREFIX = "bench.";
    static final String PASSTHROUGH_TOPIC = TOPIC_PREFIX + "passthrough";
    static final String WARMUP_PREFIX = "bench-warmup.";
    static final long SEED = 20260326L;
    /** Original activities per mentor and year, on average: the population's size sets the volume. */
    static final int ACTIVITIES_PER_MENTOR_YEAR = 10;
    private static final int CORRECTNESS_SAMPLE = 40;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** Background load before the quarter-rate probes: the paths are warm from the first freshness run. */
    private static final Duration QUARTER_RATE_WARMUP = Duration.ofSeconds(2);

    /** The results and the raw latency histograms (microseconds) for the plot. */
    public record Outcome(BenchResults results, Map<String, Histogram> histograms) {
    }

    private final BenchMode mode;
    private final Path workDir;
    private final Profiler profiler;
    private final Consumer<String> progress;
    private final Map<String, CpuUsage.Usage> cpuByPhase = new LinkedHashMap<>();

    private final Map<String, String> streamsOverrides;

    /**
     * @param streamsOverrides Kafka Streams settings applied to every measured application and to
     *                         the service, e.g. another {@code rocksdb.config.setter} (what-if runs)
     */
    public Benchmark(BenchMode mode, Path workDir, Profiler profiler, Map<String, String> streamsOverrides,
                     Consumer<String> progress) {
        this.mode = mode;
        this.workDir = workDir;
        this.profiler = profiler;
        this.streamsOverrides = Map.copyOf(streamsOverrides);
        this.progress = progress;
    }

    public Outcome run() throws Exception {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        String loadAtStart = MachineInfo.loadAverage().orElse("n/a");
        MachineInfo machine = MachineInfo.capture();
        String secret = newSecret();
        PeerstatsConfig base = baseConfig(secret);
        Topics topics = base.topics();
        TopologySettings settings = new TopologySettings(topics, base.zones());
        int partitions = base.topicPartitions();

        Map<String, Histogram> histograms = new LinkedHashMap<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("broker"), 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            String bootstrap = broker.bootstrapServers();
            ensureTopics(admin, topics, partitions);
            createTopic(admin, PASSTHROUGH_TOPIC, partitions);
            ConsumerGroupLag lag = new ConsumerGroupLag(admin);

            // 0. warm-up (JIT) and sizing, on topics of their own
            var phase = phaseStart();
            int mentors = mode.maxMentors();
            Calibration calibration = null;
            if (mode.warmUp()) {
                calibration = warmUp(admin, bootstrap, lag, partitions, base);
                mentors = calibration.mentorsFor(mode);
                progress.accept(String.format("warm-up: topology %.0f events/s (last round); %d mentors for a run of about "
                        + "%.0f s", calibration.topologyRate(), mentors, mode.targetRunSeconds()));
            }
            phaseEnd("warm-up", phase);

            // 1. workload, preloaded before anything is measured
            phase = phaseStart();
            progress.accept("generating a year of activity for " + mentors + " mentors");
            Workload workload = WorkloadGenerator.generate(WorkloadSpec.of(SEED, mentors,
                    mentors * ACTIVITIES_PER_MENTOR_YEAR, historyEnd()));
            seedBadgeDefinitions(admin, bootstrap, topics, workload);
            progress.accept("preloading " + workload.events().size() + " events into " + topics.activities().name());
            Preloader.Result preload = Preloader.preload(bootstrap, topics.activities(), workload.events());
            Map<TopicPartition, Long> afterPreload = lag.endOffsets(List.of(topics.activities().name()));
            phaseEnd("preload", phase);

            // 2. throughput
            phase = phaseStart();
            progress.accept("throughput: up to " + mode.maxRounds() + " round(s) of topology (EOS), pass-through "
                    + "(EOS), topology (ALOS)");
            ThroughputBench.Outcome throughput = profiler.during("throughput", () -> new ThroughputBench(bootstrap,
                    settings, PASSTHROUGH_TOPIC, workDir.resolve("runs"), lag, mode.runTimeout(), streamsOverrides)
                    .run(List.of(AppKind.values()), mode.maxRounds(), mode.throughputBudget(), "tp"));
            phaseEnd("throughput", phase);
            BenchResults.Throughput throughputFigures = throughputFigures(throughput, calibration);
            ThroughputBench.KeptRun kept = throughput.kept();

            // 3. state size of the kept run: its files, and its changelogs' live keys and values
            progress.accept("state size of " + kept.applicationId());
            List<String> changelogs = changelogTopics(admin, kept.applicationId());
            ChangelogRead.Result logical = ChangelogRead.readToEnd(bootstrap, changelogs, true, mode.runTimeout());
            Path appState = kept.dataDir().resolve("streams").resolve(kept.applicationId());
            Map<String, StateDirSize.StoreFiles> asClosed = StateDirSize.measure(appState);
            // compacted on copies: the service below runs on the files as the run left them
            Map<String, StateDirSize.StoreFiles> compacted = compactedCopy(appState, CompressionType.NO_COMPRESSION);
            Map<String, StateDirSize.StoreFiles> compactedLz4 = compactedCopy(appState, CompressionType.LZ4_COMPRESSION);

            // 4. restore from the changelogs, against a plain consumer — before the service adds live events
            phase = phaseStart();
            BenchResults.Restore restore = restore(bootstrap, settings, kept.applicationId(), changelogs, "restore");
            phaseEnd("restore", phase);

            // 5. the service on the kept run's state
            PeerstatsConfig serviceConfig = base.withKafka(bootstrap, 0, kept.dataDir(), kept.applicationId());
            BenchResults.Correctness correctness;
            BenchResults.Freshness freshness;
            BenchResults.Freshness freshnessAtQuarterRate;
            BenchResults.Http http;
            PeerBench.Result peer;
            try (PeerstatsService service = PeerstatsService.start(serviceConfig, Clock.systemUTC());
                 StatsReader reader = adminReader(service, secret)) {
                awaitRunning(service);
                correctness = checkCorrectness(reader, workload);

                phase = phaseStart();
                double rate = Math.max(50, throughputFigures.medianRecordsPerSecond()
                        .getOrDefault(AppKind.TOPOLOGY_EOS.label(), 0.0) / 2);
                progress.accept(String.format("freshness at %.0f events/s for %d s after %d s of warm-up", rate,
                        mode.freshness().toSeconds(), mode.freshnessWarmup().toSeconds()));
                List<Mentor> probes = probeMentors(workload, mode.probeThreads() * 8);
                Set<String> probeIds = new HashSet<>();
                probes.forEach(m -> probeIds.add(m.id()));
                List<Mentor> background = workload.mentors().stream().filter(m -> !probeIds.contains(m.id())).toList();
                Set<TopicPartition> activityPartitions = lag.endOffsets(List.of(topics.activities().name())).keySet();
                FreshnessBench probing = new FreshnessBench(bootstrap, topics.activities(), reader, background,
                        probes, () -> lag.lag(kept.applicationId(), lag.endOffsetsOf(activityPartitions)));
                FreshnessBench.Result fresh = profiler.during("freshness", () -> probing.run(rate,
                        mode.freshnessWarmup(), mode.freshness(), mode.probeThreads(), POLL_INTERVAL, PROBE_TIMEOUT,
                        SEED));
                phaseEnd("freshness", phase);
                histograms.put("freshness", fresh.latencyMicros());
                freshness = freshnessFigures(fresh);
                awaitNoLag(lag, kept.applicationId(), topics);

                // Again at a quarter of that rate, far from the limit: what remains is the path, not a queue.
                phase = phaseStart();
                progress.accept(String.format("freshness at a quarter of that rate, %.0f events/s, for %d s", rate / 4,
                        mode.freshness().dividedBy(2).toSeconds()));
                FreshnessBench.Result quarter = probing.run(rate / 4, QUARTER_RATE_WARMUP, mode.freshness().dividedBy(2),
                        mode.probeThreads(), POLL_INTERVAL, PROBE_TIMEOUT, SEED + 1);
                phaseEnd("freshness-quarter-rate", phase);
                histograms.put("freshness_quarter_rate", quarter.latencyMicros());
                freshnessAtQuarterRate = freshnessFigures(quarter);
                awaitNoLag(lag, kept.applicationId(), topics);

                phase = phaseStart();
                progress.accept("GET load: " + mode.httpClients() + " clients, stats and /health/live alternating");
                http = profiler.during("http", () -> httpLoad(reader, workload, histograms));
                phaseEnd("http", phase);

                // 6. the PostgreSQL peer: the same workload, the same GET load, the same answers
                peer = peerPhase(workload, bootstrap, topics, afterPreload, base, secret, reader, service, histograms);
            }

            // 7. lists at two sizes, on a broker and service of their own
            phase = phaseStart();
            ListsBench.Plan listPlan = ListsBench.Plan.of(mode == BenchMode.QUICK);
            progress.accept("lists: " + listPlan.sizes() + " mentors with profiles and badges, "
                    + ListsBench.CLIENTS + " clients a query");
            ListsBench.Result lists = profiler.during("lists", () -> new ListsBench(workDir, progress, streamsOverrides).run(listPlan));
            phaseEnd("lists", phase);

            long deadLetters = ChangelogRead.readToEnd(bootstrap, List.of(topics.deadLetter().name()), false,
                    mode.runTimeout()).records();
            correctness = new BenchResults.Correctness(correctness.checked(), correctness.mismatches(),
                    correctness.examples(), deadLetters);

            BenchResults.State state = stateFigures(workload, asClosed, compacted, compactedLz4, logical, kept,
                    changelogs);
            BenchResults.WorkloadFigures workloadFigures = workloadFigures(workload, preload);
            Map<String, Double> summary = Summary.of(throughputFigures, freshness, freshnessAtQuarterRate, http, state,
                    restore, correctness, lists, peer);
            BenchResults results = new BenchResults(mode.name(), startedAt.toString(),
                    (System.nanoTime() - started) / 1e9, machine,
                    new BenchResults.Conditions(loadAtStart, MachineInfo.loadAverage().orElse("n/a"),
                            new LinkedHashMap<>(cpuByPhase), partitions, streamsOverrides),
                    workloadFigures, throughputFigures, freshness, freshnessAtQuarterRate, http, state, restore,
                    correctness, lists, peer,
                    profiler.summaries(), summary);
            return new Outcome(results, histograms);
        }
    }

    /**
     * {@code --restore-only}: the history runs once through the topology (exactly_once_v2), which
     * fills its changelogs; then a fresh instance restores them {@code mode.maxRounds()} times,
     * each followed by a plain consumer reading the same topics. No warm-up, no service: the
     * restore is measured at a size (a million changelog records and more) that the full run
     * would need many minutes to reach.
     */
    public RestoreOutcome restoreOnly(Path keptBroker) throws Exception {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        String loadAtStart = MachineInfo.loadAverage().orElse("n/a");
        MachineInfo machine = MachineInfo.capture();
        PeerstatsConfig base = baseConfig("bench-secret-" + UUID.randomUUID() + UUID.randomUUID());
        Topics topics = base.topics();
        TopologySettings settings = new TopologySettings(topics, base.zones());
        int partitions = base.topicPartitions();
        int mentors = mode.maxMentors();
        Path brokerDir = keptBroker != null ? keptBroker : workDir.resolve("broker");
        Optional<FilledChangelogs> filled = FilledChangelogs.read(brokerDir, mentors);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerDir, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            String bootstrap = broker.bootstrapServers();
            progress.accept("generating a year of activity for " + mentors + " mentors");
            Workload workload = WorkloadGenerator.generate(WorkloadSpec.of(SEED, mentors,
                    mentors * ACTIVITIES_PER_MENTOR_YEAR, historyEnd()));
            StreamsRun.Result fillRun = null;
            if (filled.isEmpty()) {
                ensureTopics(admin, topics, partitions);
                createTopic(admin, PASSTHROUGH_TOPIC, partitions);
                ConsumerGroupLag lag = new ConsumerGroupLag(admin);
                var phase = phaseStart();
                seedBadgeDefinitions(admin, bootstrap, topics, workload);
                progress.accept("preloading " + workload.events().size() + " events into "
                        + topics.activities().name());
                Preloader.Result preload = Preloader.preload(bootstrap, topics.activities(), workload.events());
                phaseEnd("preload", phase);

                phase = phaseStart();
                progress.accept("filling the changelogs: " + workload.events().size()
                        + " events through the topology (exactly_once_v2)");
                ThroughputBench.Outcome fill = new ThroughputBench(bootstrap, settings, PASSTHROUGH_TOPIC,
                        workDir.resolve("runs"), lag, mode.runTimeout(), streamsOverrides)
                        .run(List.of(AppKind.TOPOLOGY_EOS), 1, mode.runTimeout(), "fill");
                phaseEnd("fill", phase);
                Dirs.deleteRecursively(fill.kept().dataDir()); // only the changelogs are needed from here on
                fillRun = fill.runs().get(0);
                filled = Optional.of(new FilledChangelogs(mentors, fill.kept().applicationId(), preload.seconds(),
                        preload.recordsPerSecond()));
                if (keptBroker != null) {
                    filled.get().write(brokerDir);
                }
            } else {
                progress.accept("restoring the changelogs of " + filled.get().applicationId() + ", filled by an "
                        + "earlier run in " + brokerDir);
            }
            String applicationId = filled.get().applicationId();
            List<String> changelogs = changelogTopics(admin, applicationId);

            List<BenchResults.Restore> rounds = new ArrayList<>();
            for (int round = 1; round <= mode.maxRounds(); round++) {
                var phase = phaseStart();
                BenchResults.Restore restore = restore(bootstrap, settings, applicationId, changelogs,
                        "restore-" + round);
                phaseEnd("restore-" + round, phase);
                RestoreRun.Result timeline = restore.timeline();
                progress.accept(String.format("restore round %d: %d records in %.2f s = %.0f records/s (%d batches; "
                                + "last partition started after %.2f s; restoring thread CPU %.2f s, JVM %.2f s; "
                                + "state updater %s; RocksDB %s); consumer %.0f records/s; ratio %.3f", round,
                        restore.records(), restore.seconds(), restore.recordsPerSecond(), restore.batches(),
                        timeline.lastStartSeconds(), timeline.restoringThreadCpuSeconds(), timeline.processCpuSeconds(),
                        timeline.stateUpdater(), timeline.rocksDb(), restore.consumerRecordsPerSecond(),
                        restore.ratio()));
                rounds.add(restore);
            }
            double restoreRate = median(rounds.stream().map(BenchResults.Restore::recordsPerSecond).toList());
            double consumerRate = median(rounds.stream().map(BenchResults.Restore::consumerRecordsPerSecond).toList());
            Map<String, Double> summary = new LinkedHashMap<>();
            summary.put("restore_rounds", (double) rounds.size());
            summary.put("restore_records", (double) rounds.get(rounds.size() - 1).records());
            summary.put("restore_seconds", median(rounds.stream().map(BenchResults.Restore::seconds).toList()));
            summary.put("restore_records_per_s", restoreRate);
            summary.put("consumer_records_per_s", consumerRate);
            summary.put("restore_ratio_vs_consumer", ratio(restoreRate, consumerRate));
            BenchResults.Conditions conditions = new BenchResults.Conditions(loadAtStart,
                    MachineInfo.loadAverage().orElse("n/a"), new LinkedHashMap<>(cpuByPhase), partitions,
                    streamsOverrides);
            return new RestoreOutcome(mode.name(), startedAt.toString(), (System.nanoTime() - started) / 1e9, machine,
                    conditions, workloadFigures(workload, filled.get().preloadSeconds(),
                    filled.get().preloadRecordsPerSecond()), fillRun, filled.get().applicationId(), rounds,
                    profiler.summaries(), summary);
        }
    }

    /**
     * What a {@code --restore-only} run with {@code --broker-dir} left for the next one: the
     * application whose changelogs it filled, for how many mentors, and how the preload went.
     */
    record FilledChangelogs(int mentors, String applicationId, double preloadSeconds,
                            double preloadRecordsPerSecond) {
        private static final String FILE = "restore-only-fill.properties";

        /** The fill recorded in {@code brokerDir}; empty when there is none (a new directory). */
        static Optional<FilledChangelogs> read(Path brokerDir, int mentors) {
            Path file = brokerDir.resolve(FILE);
            if (!Files.exists(file)) {
                if (Dirs.isNonEmpty(brokerDir)) {
                    throw new IllegalStateException(brokerDir + " holds a broker but no " + FILE
                            + ": give --broker-dir a new directory or one a --restore-only run filled");
                }
                return Optional.empty();
            }
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            FilledChangelogs filled = new FilledChangelogs(Integer.parseInt(properties.getProperty("mentors")),
                    properties.getProperty("application.id"),
                    Double.parseDouble(properties.getProperty("preload.seconds")),
                    Double.parseDouble(properties.getProperty("preload.records.per.second")));
            if (filled.mentors() != mentors) {
                throw new IllegalStateException(brokerDir + " holds the changelogs of " + filled.mentors()
                        + " mentors, not " + mentors + ": use --mentors " + filled.mentors() + " or another directory");
            }
            return Optional.of(filled);
        }

        void write(Path brokerDir) {
            Properties properties = new Properties();
            properties.setProperty("mentors", String.valueOf(mentors));
            properties.setProperty("application.id", applicationId);
            properties.setProperty("preload.seconds", String.valueOf(preloadSeconds));
            properties.setProperty("preload.records.per.second", String.valueOf(preloadRecordsPerSecond));
            try (var out = Files.newBufferedWriter(brokerDir.resolve(FILE))) {
                properties.store(out, "changelogs filled by ./peerstats bench --restore-only");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + brokerDir.resolve(FILE), e);
            }
        }
    }

    /**
     * What {@link #restoreOnly()} measured, as written to {@code restore.json}.
     *
     * @param fill    the topology run that filled the changelogs ({@code null} when an earlier run in the
     *                same {@code --broker-dir} filled them)
     * @param applicationId whose changelogs were restored
     * @param summary the medians over the rounds, {@code restore_ratio_vs_consumer} last (the ratio of the
     *                median rates)
     */
    public record RestoreOutcome(String mode, String startedAt, double durationSeconds, MachineInfo machine,
                                 BenchResults.Conditions conditions, BenchResults.WorkloadFigures workload,
                                 StreamsRun.Result fill, String applicationId, List<BenchResults.Restore> rounds,
                                 Map<String, String> profiles, Map<String, Double> summary) {
    }

    /**
     * A fresh instance of {@code applicationId} (empty state directory) restores its stores from
     * {@code changelogs}, profiled as {@code phase}; then a plain consumer reads the same topics.
     */
    private BenchResults.Restore restore(String bootstrap, TopologySettings settings, String applicationId,
                                         List<String> changelogs, String phase) throws Exception {
        progress.accept(phase + ": " + changelogs.size() + " changelog topics");
        Path stateDir = workDir.resolve("restore");
        Properties properties = streamsProperties(bootstrap, applicationId, stateDir.resolve("streams"),
                settings.topics());
        RestoreRun.Result restored = profiler.during(phase, () -> RestoreRun.run(PeerstatsTopology.build(settings),
                properties, Set.copyOf(changelogs), mode.runTimeout()));
        ChangelogRead.Result consumer = ChangelogRead.readToEnd(bootstrap, changelogs, false, mode.runTimeout());
        Dirs.deleteRecursively(stateDir);
        return new BenchResults.Restore(restored.records(), restored.restoreSeconds(), restored.recordsPerSecond(),
                restored.startSeconds(), restored.recordsByStore(), restored.batches(), restored,
                consumer.records(),
                consumer.bytes(), consumer.seconds(), consumer.recordsPerSecond(),
                ratio(restored.recordsPerSecond(), consumer.recordsPerSecond()));
    }

    /** The service's configuration for the benchmark's topics, with the what-if settings. */
    private PeerstatsConfig baseConfig(String secret) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PEERSTATS_TOPIC_PREFIX", TOPIC_PREFIX);
        environment.put("PEERSTATS_JWT_SECRET", secret);
        environment.putAll(PeerstatsConfig.kafkaEnvironment(streamsOverrides));
        return PeerstatsConfig.fromEnvironment(environment);
    }

    /** The warm-up's (cold) throughputs, which size the measured workload. */
    private static final int WARMUP_ROUNDS = 3;
    /**
     * More warm-up rounds for the pass-through alone, which take about a second each: after the
     * three shared ones its CPU per event still fell from round to round of the measured runs
     * (41, 31, 9 µs), so its median was a half-compiled figure that flattered the ratio.
     */
    private static final int PASSTHROUGH_EXTRA_WARMUP_ROUNDS = 5;

    record Calibration(double topologyRate, double passThroughRate) {
        int mentorsFor(BenchMode mode) {
            double events = topologyRate * mode.targetRunSeconds();
            int mentors = (int) Math.round(events / (ACTIVITIES_PER_MENTOR_YEAR * 1.03));
            return Math.max(mode.minMentors(), Math.min(mode.maxMentors(), mentors));
        }
    }

    /**
     * Runs the topology (exactly_once_v2) and the pass-through app three times over a small workload on
     * topics of their own, so that the JIT has compiled the hot paths before the measured runs; the
     * last, warmest round sizes the measured workload. (One round of a few thousand events left
     * the per-event code at the JIT's first tier: C2 then compiled through the measured runs.)
     */
    private Calibration warmUp(Admin admin, String bootstrap, ConsumerGroupLag lag, int partitions,
                               PeerstatsConfig base) throws InterruptedException, ExecutionException {
        Topics warmTopics = Topics.withPrefix(WARMUP_PREFIX);
        ensureTopics(admin, warmTopics, partitions);
        String output = WARMUP_PREFIX + "passthrough";
        createTopic(admin, output, partitions);
        Workload warm = WorkloadGenerator.generate(WorkloadSpec.of(SEED + 1, mode.warmUpMentors(),
                mode.warmUpMentors() * ACTIVITIES_PER_MENTOR_YEAR, historyEnd()));
        progress.accept("warm-up: " + warm.events().size() + " events through the topology and the pass-through app");
        seedBadgeDefinitions(admin, bootstrap, warmTopics, warm);
        Preloader.preload(bootstrap, warmTopics.activities(), warm.events());
        ThroughputBench warmBench = new ThroughputBench(bootstrap, new TopologySettings(warmTopics, base.zones()),
                output, workDir.resolve("warm-up"), lag, mode.runTimeout(), streamsOverrides);
        ThroughputBench.Outcome outcome = warmBench.run(List.of(AppKind.TOPOLOGY_EOS, AppKind.PASSTHROUGH_EOS),
                WARMUP_ROUNDS, mode.runTimeout(), "warmup");
        warmBench.run(List.of(AppKind.PASSTHROUGH_EOS, AppKind.PASSTHROUGH_SAME_HOPS_EOS),
                PASSTHROUGH_EXTRA_WARMUP_ROUNDS, mode.runTimeout(),
                "warmup-passthrough");
        Dirs.deleteRecursively(workDir.resolve("warm-up"));
        ThroughputBench.deleteInternalTopics(admin, outcome.kept().applicationId());
        return new Calibration(rateOf(outcome.runs(), AppKind.TOPOLOGY_EOS, WARMUP_ROUNDS),
                rateOf(outcome.runs(), AppKind.PASSTHROUGH_EOS, WARMUP_ROUNDS));
    }

    /**
     * The service's default badge definitions, as {@code PeerstatsService} loads them onto an empty
     * topic, but stamped a day before the history starts: a running service has had them all along,
     * so every replayed event is evaluated against them (and the service, started later on these
     * topics, finds them there and loads nothing).
     */
    private static void seedBadgeDefinitions(Admin admin, String bootstrap, Topics topics, Workload workload) {
        Instant beforeHistory = Instant.ofEpochMilli(workload.counts().firstTimestamp()).minus(Duration.ofDays(1));
        BadgeDefinitionSeeder.seedIfNeverWritten(admin, new KafkaClients(bootstrap, Map.of()), topics, beforeHistory);
    }

    /** The year of history ends a minute ago, whole minutes. */
    private static Instant historyEnd() {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
    }

    /**
     * {@code --peer-only}: the PostgreSQL peer beside the service, without the throughput, state,
     * restore, freshness and list phases. The workload is preloaded, a service with a fresh
     * application id replays it (not timed), then the GET load on the service's stats and
     * {@code /health/live} and the peer phase run as in the full run. No topology throughput is
     * measured, so {@code peer_ingest_ratio} is NaN; a quick loop for working on the peer, not for
     * figures.
     */
    public PeerOutcome peerOnly() throws Exception {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        MachineInfo machine = MachineInfo.capture();
        String loadAtStart = MachineInfo.loadAverage().orElse("n/a");
        String secret = newSecret();
        PeerstatsConfig base = baseConfig(secret);
        Topics topics = base.topics();
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDir.resolve("broker"), 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            String bootstrap = broker.bootstrapServers();
            ensureTopics(admin, topics, base.topicPartitions());
            ConsumerGroupLag lag = new ConsumerGroupLag(admin);
            Workload workload = generateWorkload(mode.maxMentors());
            seedBadgeDefinitions(admin, bootstrap, topics, workload);
            Preloader.Result preload = Preloader.preload(bootstrap, topics.activities(), workload.events());
            Map<TopicPartition, Long> afterPreload = lag.endOffsets(List.of(topics.activities().name()));
            String applicationId = "bench-peer-only-" + UUID.randomUUID();
            PeerstatsConfig serviceConfig = base.withKafka(bootstrap, 0, workDir.resolve("service"), applicationId);
            try (PeerstatsService service = PeerstatsService.start(serviceConfig, Clock.systemUTC());
                 StatsReader reader = adminReader(service, secret)) {
                awaitRunning(service);
                progress.accept("the service replays " + workload.events().size() + " events (not timed)");
                awaitNoLag(lag, applicationId, topics);
                BenchResults.Correctness correctness = checkCorrectness(reader, workload);
                var phase = phaseStart();
                progress.accept("GET load: " + mode.httpClients() + " clients, stats and /health/live alternating");
                BenchResults.Http http = profiler.during("http", () -> httpLoad(reader, workload, histograms));
                phaseEnd("http", phase);
                PeerBench.Result peer = peerPhase(workload, bootstrap, topics, afterPreload, base, secret, reader,
                        service, histograms);
                BenchResults.Conditions conditions = new BenchResults.Conditions(loadAtStart,
                        MachineInfo.loadAverage().orElse("n/a"), new LinkedHashMap<>(cpuByPhase),
                        base.topicPartitions(), streamsOverrides);
                return new PeerOutcome(mode.name(), startedAt.toString(), (System.nanoTime() - started) / 1e9,
                        machine, conditions, workloadFigures(workload, preload), correctness, http, peer,
                        Summary.ofPeer(http, correctness, peer));
            }
        }
    }

    /** What {@link #peerOnly()} measured, as written to {@code peer.json}. */
    public record PeerOutcome(String mode, String startedAt, double durationSeconds, MachineInfo machine,
                              BenchResults.Conditions conditions, BenchResults.WorkloadFigures workload,
                              BenchResults.Correctness correctness, BenchResults.Http http, PeerBench.Result peer,
                              Map<String, Double> summary) {
    }

    private static String newSecret() {
        return "bench-secret-" + UUID.randomUUID() + UUID.randomUUID();
    }

    private Workload generateWorkload(int mentors) {
        progress.accept("generating a year of activity for " + mentors + " mentors");
        return WorkloadGenerator.generate(WorkloadSpec.of(SEED, mentors, mentors * ACTIVITIES_PER_MENTOR_YEAR,
                historyEnd()));
    }

    /** A reader of the service's API with an admin token (every organisation), signed with {@code secret}. */
    private static StatsReader adminReader(PeerstatsService service, String secret) {
        return new StatsReader(URI.create("http://127.0.0.1:" + service.httpPort()),
                new TokenIssuer(secret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
                        .issue(new Principal("bench-admin", Role.ADMIN, null, null)));
    }

    private static void awaitRunning(PeerstatsService service) throws InterruptedException {
        if (!service.awaitRunning(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the service did not reach RUNNING: " + service.streams().state());
        }
    }

    /** The peer phase, with the service running on the same data. */
    private PeerBench.Result peerPhase(Workload workload, String bootstrap, Topics topics,
                                       Map<TopicPartition, Long> afterPreload, PeerstatsConfig base, String secret,
                                       StatsReader reader, PeerstatsService service,
                                       Map<String, Histogram> histograms) throws Exception {
        var phase = phaseStart();
        PeerBench.Plan plan = new PeerBench.Plan(workload.events(), bootstrap, topics.activities(), afterPreload,
                base.zones(), organisations(workload), secret.getBytes(StandardCharsets.UTF_8), base.tokenRules(),
                base.tokenCacheSize(), reader.authorization(), URI.create("http://127.0.0.1:" + service.httpPort()),
                loadMentors(workload), correctnessSample(workload), mode.httpClients(), mode.httpWarmup(),
                mode.httpSlice(), mode.httpSlices(), mode.httpMaxRequests(), SEED);
        progress.accept("peer: PostgreSQL with the same workload, GET load and answers");
        PeerBench.Result peer = profiler.during("peer", () -> new PeerBench(workDir.resolve("peer"), progress)
                .run(plan, histograms));
        phaseEnd("peer", phase);
        return peer;
    }

    /** The mentors the GET load asks for: up to 2,000 with stats, at random. */
    private static List<String> loadMentors(Workload workload) {
        List<String> mentors = new ArrayList<>(workload.expectedActivityCount().keySet());
        Collections.shuffle(mentors, new Random(SEED));
        return List.copyOf(mentors.subList(0, Math.min(2000, mentors.size())));
    }

    /** Every organisation of the workload's mentors. */
    private static List<String> organisations(Workload workload) {
        return workload.mentors().stream().map(Mentor::organisationId).distinct().sorted().toList();
    }

    private BenchResults.Http httpLoad(StatsReader reader, Workload workload, Map<String, Histogram> histograms) {
        List<KeepAliveClient.Request> stats = loadMentors(workload).stream().map(reader::statsRequest).toList();
        List<KeepAliveClient.Request> trivial = List.of(reader.liveRequest());
        try (HttpLoad load = new HttpLoad(mode.httpClients())) {
            // the warm-up checks every body, so that the measured slices cannot be timing error pages
            requireAllAccepted(load.run("warm-up", stats, mode.httpWarmup(), mode.httpMaxRequests(), SEED,
                    StatsReader.statsCheck()));
            requireAllAccepted(load.run("warm-up", trivial, mode.httpWarmup(), mode.httpMaxRequests(), SEED,
                    StatsReader.liveCheck()));
            HttpLoad.Result statsResult = null;
            HttpLoad.Result trivialResult = null;
            for (int slice = 0; slice < mode.httpSlices(); slice++) {
                HttpLoad.Result s;
                HttpLoad.Result t;
                if (slice % 2 == 0) { // alternate which goes first, so neither always follows the other
                    s = load.run("stats", stats, mode.httpSlice(), mode.httpMaxRequests(), SEED + slice);
                    t = load.run("trivial", trivial, mode.httpSlice(), mode.httpMaxRequests(), SEED + slice);
                } else {
                    t = load.run("trivial", trivial, mode.httpSlice(), mode.httpMaxRequests(), SEED + slice);
                    s = load.run("stats", stats, mode.httpSlice(), mode.httpMaxRequests(), SEED + slice);
                }
                statsResult = statsResult == null ? s : statsResult.plus(s);
                trivialResult = trivialResult == null ? t : trivialResult.plus(t);
            }
            histograms.put("get_stats", statsResult.latencyMicros());
            histograms.put("get_health_live", trivialResult.latencyMicros());
            BenchResults.Endpoint statsEndpoint = endpoint("/api/v1/peer-mentor-stats/:id", statsResult);
            BenchResults.Endpoint trivialEndpoint = endpoint("/health/live", trivialResult);
            return new BenchResults.Http(mode.httpClients(), statsEndpoint, trivialEndpoint,
                    ratio(statsEndpoint.requestsPerSecond(), trivialEndpoint.requestsPerSecond()));
        }
    }

    private static void requireAllAccepted(HttpLoad.Result warmUp) {
        if (warmUp.requests() == 0 || warmUp.errors() > 0) {
            throw new IllegalStateException("GET load warm-up: " + warmUp.errors() + " of " + warmUp.requests()
                    + " answers were not 200 with the expected body");
        }
    }

    private static BenchResults.Endpoint endpoint(String path, HttpLoad.Result result) {
        return new BenchResults.Endpoint(path, result.requests(), result.errors(), result.seconds(),
                result.requestsPerSecond(), result.cpuMicrosPerRequest(), Latency.of(result.latencyMicros()));
    }

    /** Compares the REST activity_count of a sample of mentors (the most active ones and a spread) with the workload. */
    private BenchResults.Correctness checkCorrectness(StatsReader reader, Workload workload) {
        List<String> sample = correctnessSample(workload);
        int mismatches = 0;
        List<String> examples = new ArrayList<>();
        for (String mentor : sample) {
            long expected = workload.expectedActivityCount().get(mentor);
            OptionalLong actual = reader.activityCount(mentor);
            if (actual.isEmpty() || actual.getAsLong() != expected) {
                mismatches++;
                if (examples.size() < 5) {
                    examples.add(mentor + ": expected " + expected + ", got "
                            + (actual.isEmpty() ? "no answer" : actual.getAsLong()));
                }
            }
        }
        if (mismatches > 0) {
            progress.accept("WARNING: " + mismatches + " of " + sample.size()
                    + " mentors have a wrong activity_count, e.g. " + examples);
        }
        return new BenchResults.Correctness(sample.size(), mismatches, examples, 0);
    }

    /** {@value #CORRECTNESS_SAMPLE} mentors with stats, from the most active to the least. */
    private static List<String> correctnessSample(Workload workload) {
        List<String> sample = new ArrayList<>();
        List<Mentor> active = workload.mentors().stream()
                .filter(m -> workload.expectedActivityCount().containsKey(m.id())).toList();
        int step = Math.max(1, active.size() / CORRECTNESS_SAMPLE);
        for (int i = 0; i < active.size() && sample.size() < CORRECTNESS_SAMPLE; i += step) {
            sample.add(active.get(i).id());
        }
        return sample;
    }

    /** Mentors with stats, spread over ranks (not the very top), reserved for freshness probes. */
    private static List<Mentor> probeMentors(Workload workload, int count) {
        List<Mentor> active = workload.mentors().stream()
                .filter(m -> workload.expectedActivityCount().containsKey(m.id())).toList();
        List<Mentor> probes = new ArrayList<>();
        int step = Math.max(1, active.size() / (count + 1));
        for (int i = step; i < active.size() && probes.size() < count; i += step) {
            probes.add(active.get(i));
        }
        return probes;
    }

    private static BenchResults.Throughput throughputFigures(ThroughputBench.Outcome outcome,
                                                             Calibration calibration) {
        List<StreamsRun.Result> runs = outcome.runs();
        Map<String, Double> medians = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Double> processCpu = new LinkedHashMap<>();
        for (AppKind kind : AppKind.values()) {
            List<StreamsRun.Result> ofKind = runs.stream().filter(r -> r.kind().equals(kind.label())).toList();
            medians.put(kind.label(), median(ofKind.stream().map(StreamsRun.Result::recordsPerSecond).toList()));
            cpu.put(kind.label(), median(ofKind.stream().map(StreamsRun.Result::applicationCpuMicrosPerRecord).toList()));
            processCpu.put(kind.label(),
                    median(ofKind.stream().map(StreamsRun.Result::processCpuMicrosPerRecord).toList()));
        }
        List<Double> vsPassthrough = new ArrayList<>();
        List<Double> vsAlos = new ArrayList<>();
        for (int round = 1; round <= outcome.rounds(); round++) {
            double eos = rateOf(runs, AppKind.TOPOLOGY_EOS, round);
            vsPassthrough.add(ratio(eos, rateOf(runs, AppKind.PASSTHROUGH_EOS, round)));
            vsAlos.add(ratio(eos, rateOf(runs, AppKind.TOPOLOGY_ALOS, round)));
        }
        double eos = medians.get(AppKind.TOPOLOGY_EOS.label());
        return new BenchResults.Throughput(runs, outcome.rounds(), medians, cpu, processCpu,
                ratio(eos, medians.get(AppKind.PASSTHROUGH_EOS.label())),
                ratio(eos, medians.get(AppKind.TOPOLOGY_ALOS.label())),
                ratio(cpu.get(AppKind.PASSTHROUGH_EOS.label()), cpu.get(AppKind.TOPOLOGY_EOS.label())),
                vsPassthrough, vsAlos, ThroughputBench.COMMIT_INTERVAL_MS,
                calibration == null ? Double.NaN : calibration.topologyRate(),
                calibration == null ? Double.NaN : calibration.passThroughRate());
    }

    private static double rateOf(List<StreamsRun.Result> runs, AppKind kind, int round) {
        return runs.stream().filter(r -> r.kind().equals(kind.label()) && r.round() == round)
                .mapToDouble(StreamsRun.Result::recordsPerSecond).findFirst().orElse(Double.NaN);
    }

    private static BenchResults.State stateFigures(Workload workload, Map<String, StateDirSize.StoreFiles> asClosed,
                                                   Map<String, StateDirSize.StoreFiles> compacted,
                                                   Map<String, StateDirSize.StoreFiles> compactedLz4,
                                                   ChangelogRead.Result logical, ThroughputBench.KeptRun kept,
                                                   List<String> changelogs) {
        int mentors = workload.activeMentors();
        Map<String, Long> liveBytes = new TreeMap<>();
        Map<String, Long> liveKeys = new TreeMap<>();
        String prefix = kept.applicationId() + "-";
        for (String topic : changelogs) {
            String store = topic.substring(prefix.length(), topic.length() - "-changelog".length());
            liveBytes.put(store, logical.liveBytes().getOrDefault(topic, 0L));
            liveKeys.put(store, logical.liveKeys().getOrDefault(topic, 0L));
        }
        long logicalBytes = liveBytes.values().stream().mapToLong(Long::longValue).sum();
        return new BenchResults.State(mentors, asClosed, compacted, compactedLz4, liveBytes, liveKeys,
                kept.rocksDbMetrics(), (double) StateDirSize.totalSstBytes(compactedLz4) / mentors,
                (double) StateDirSize.totalSstBytes(asClosed) / mentors,
                (double) StateDirSize.totalSstBytes(compacted) / mentors, (double) logicalBytes / mentors);
    }

    private static BenchResults.WorkloadFigures workloadFigures(Workload workload, Preloader.Result preload) {
        return workloadFigures(workload, preload.seconds(), preload.recordsPerSecond());
    }

    private static BenchResults.WorkloadFigures workloadFigures(Workload workload, double preloadSeconds,
                                                                double preloadRecordsPerSecond) {
        Workload.Counts counts = workload.counts();
        return new BenchResults.WorkloadFigures(SEED, workload.mentors().size(), workload.activeMentors(),
                counts.total(), counts.originals(), counts.corrections(), counts.deletes(), counts.duplicates(),
                counts.late(), counts.correctionAndDeleteShare(), counts.maxLatenessMillis() / 3_600_000.0,
                workload.spec().history().toDays(), Instant.ofEpochMilli(counts.firstTimestamp()).toString(),
                Instant.ofEpochMilli(counts.lastTimestamp()).toString(), preloadSeconds, preloadRecordsPerSecond);
    }

    private static List<String> changelogTopics(Admin admin, String applicationId)
            throws InterruptedException, ExecutionException {
        return admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-changelog"))
                .sorted().toList();
    }

    private Properties streamsProperties(String bootstrap, String applicationId, Path stateDir, Topics topics) {
        return new StreamsOptions(applicationId, bootstrap, stateDir, null, null, 0, StreamsConfig.EXACTLY_ONCE_V2, topics,
                DeadLetterListener.NONE, InputAnomaly.Listener.NONE, ThroughputBench.extra(streamsOverrides))
                .toProperties();
    }

    /** The store files of {@code appState}, measured after a full compaction of a copy with {@code compression}. */
    private Map<String, StateDirSize.StoreFiles> compactedCopy(Path appState, CompressionType compression) {
        Path copy = workDir.resolve("state-compacted");
        StateDirSize.copy(appState, copy);
        try {
            StateDirSize.compactAll(copy, compression);
            return StateDirSize.measure(copy);
        } finally {
            Dirs.deleteRecursively(copy);
        }
    }

    private static BenchResults.Freshness freshnessFigures(FreshnessBench.Result result) {
        return new BenchResults.Freshness(result.targetRate(), result.achievedRate(), result.seconds(),
                result.probes(), result.timeouts(), result.pollIntervalMicros() / 1000.0, result.maxBacklog(),
                result.endBacklog(), Latency.of(result.latencyMicros()));
    }

    /** Waits until the application has committed every input record (the topology is idle). */
    private void awaitNoLag(ConsumerGroupLag lag, String applicationId, Topics topics) throws InterruptedException {
        Map<TopicPartition, Long> end = lag.endOffsets(List.of(topics.activities().name(),
                topics.trainingCompletions().name()));
        long deadline = System.nanoTime() + mode.runTimeout().toNanos();
        while (lag.lag(applicationId, end) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not catch up after the freshness run");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Creates the topics as the service does. Describing a topic right after creating it can
     * fail with UnknownTopicOrPartitionException until the broker's metadata has caught up, so a
     * failure is retried a few times.
     */
    private static void ensureTopics(Admin admin, Topics topics, int partitions) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                TopicProvisioner.ensureTopics(admin, topics, partitions, (short) 1);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 10 || !(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void createTopic(Admin admin, String name, int partitions)
            throws InterruptedException, ExecutionException {
        if (!admin.listTopics().names().get().contains(name)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE))))
                    .all().get();
        }
    }

    private static Optional<CpuUsage.Snapshot> phaseStart() {
        return CpuUsage.snapshot();
    }

    private void phaseEnd(String name, Optional<CpuUsage.Snapshot> start) {
        CpuUsage.between(start, CpuUsage.snapshot()).ifPresent(usage -> cpuByPhase.put(name, usage));
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }
}
