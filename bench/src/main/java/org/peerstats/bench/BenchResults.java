package org.peerstats.bench;

import java.util.List;
import java.util.Map;
import org.peerstats.bench.lists.ListsBench;
import org.peerstats.bench.peer.PeerBench;
import org.peerstats.bench.report.Latency;
import org.peerstats.bench.state.RestoreRun;
import org.peerstats.bench.state.StateDirSize;
import org.peerstats.bench.throughput.StreamsRun;

/**
 * Everything one benchmark run measured, as written to {@code latest.json}. The latency
 * histograms themselves travel beside it ({@link Histograms}) for the plot.
 */
public record BenchResults(
        String mode,
        String startedAt,
        double durationSeconds,
        MachineInfo machine,
        Conditions conditions,
        WorkloadFigures workload,
        Throughput throughput,
        Freshness freshness,
        Freshness freshnessAtQuarterRate,
        Http http,
        State state,
        Restore restore,
        Correctness correctness,
        ListsBench.Result lists,
        PeerBench.Result peer,
        Map<String, String> profiles,
        Map<String, Double> summary) {

    /**
     * @param cpuByPhase       average cores used by this JVM and by other processes, per phase
     * @param streamsOverrides Kafka Streams settings changed for a what-if run (empty: as shipped)
     */
    public record Conditions(String loadAverageAtStart, String loadAverageAtEnd,
                             Map<String, CpuUsage.Usage> cpuByPhase, int partitions,
                             Map<String, String> streamsOverrides) {
    }

    public record WorkloadFigures(long seed, int mentors, int activeMentors, long events, long originals,
                                  long corrections, long deletes, long duplicates, long lateOverADay,
                                  double correctionAndDeleteShare, double maxLatenessHours, double historyDays,
                                  String firstRecordTime, String lastRecordTime, double preloadSeconds,
                                  double preloadRecordsPerSecond) {
    }

    /**
     * Medians over rounds; ratios of the medians, and per round.
     *
     * @param medianCpuMicrosPerRecord        CPU of the application's threads per record
     * @param medianProcessCpuMicrosPerRecord CPU of the whole JVM (broker included) per record
     * @param cpuRatioVsPassthrough           pass-through ÷ topology CPU per record: the
     *                                        throughput ratio if both had the CPU to themselves
     * @param warmUpTopologyRate              the cold warm-up run that sized the workload
     */
    public record Throughput(List<StreamsRun.Result> runs, int rounds, Map<String, Double> medianRecordsPerSecond,
                             Map<String, Double> medianCpuMicrosPerRecord,
                             Map<String, Double> medianProcessCpuMicrosPerRecord, double ratioVsPassthrough,
                             double eosVsAlosRatio, double cpuRatioVsPassthrough,
                             List<Double> ratioVsPassthroughByRound, List<Double> eosVsAlosRatioByRound,
                             String commitIntervalMs, double warmUpTopologyRate, double warmUpPassThroughRate) {
    }

    /**
     * @param maxBacklog the most input records the service had not committed while the probes ran
     *                   (under exactly_once_v2 commits come every 100 ms, so about a tenth of a
     *                   second's events is the floor); growing without bound means it fell behind
     * @param endBacklog the same when the probes stopped
     */
    public record Freshness(double targetRate, double achievedRate, double seconds, long probes, long timeouts,
                            double pollIntervalMs, long maxBacklog, long endBacklog, Latency latency) {
    }

    /** @param cpuMicrosPerRequest CPU of the whole JVM (the clients and the server) per request */
    public record Endpoint(String path, long requests, long errors, double seconds, double requestsPerSecond,
                           double cpuMicrosPerRequest, Latency latency) {
    }

    public record Http(int clients, Endpoint stats, Endpoint trivial, double throughputRatio) {
    }

    /**
     * @param bytesPerMentor         RocksDB SST bytes after a clean close and a full compaction with
     *                               the compression the service ships (LZ4, set by
     *                               BoundedMemoryRocksDbConfig), per mentor with state (a year each)
     * @param bytesPerMentorAsClosed the same, as Kafka Streams left the files (flushed, not compacted)
     * @param bytesPerMentorUncompressed what a full compaction without compression gives (Kafka
     *                               Streams' own default)
     * @param logicalBytesPerMentor  live keys and values of the changelogs, per mentor
     */
    public record State(int mentors, Map<String, StateDirSize.StoreFiles> asClosed,
                        Map<String, StateDirSize.StoreFiles> compacted,
                        Map<String, StateDirSize.StoreFiles> compactedLz4, Map<String, Long> changelogLiveBytes,
                        Map<String, Long> changelogLiveKeys, Map<String, Double> rocksDbMetricsBeforeClose,
                        double bytesPerMentor, double bytesPerMentorAsClosed, double bytesPerMentorUncompressed,
                        double logicalBytesPerMentor) {
    }

    /**
     * @param batches      the restore listener's {@code onBatchRestored} calls, over all partitions
     * @param timeline     when each partition restored, the restoring thread's and the JVM's CPU
     *                     over the restore, the state updater's metrics ({@link RestoreRun.Result})
     */
    public record Restore(long records, double seconds, double recordsPerSecond, double startToRunningSeconds,
                          Map<String, Long> recordsByStore, long batches, RestoreRun.Result timeline,
                          long consumerRecords, long consumerBytes,
                          double consumerSeconds, double consumerRecordsPerSecond, double ratio) {
    }

    /**
     * @param checked    mentors whose REST activity_count was compared with the workload's
     * @param mismatches of those, how many differed (anything but 0 means a wrong result)
     * @param deadLetters records the runs sent to the dead-letter topic (the workload has none)
     */
    public record Correctness(int checked, int mismatches, List<String> examples, long deadLetters) {
    }
}
