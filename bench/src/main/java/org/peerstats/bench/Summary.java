package org.peerstats.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peerstats.bench.lists.ListsBench;
import org.peerstats.bench.peer.PeerBench;

/**
 * The figures a run ends with, as {@code name: value} lines. The last thirteen are the headline
 * figures ({@link #REQUIRED}), in that order; the lines before them give the context. The three
 * {@code peer_*} figures compare peerstats with the PostgreSQL peer of the same run; they are NaN
 * only when PostgreSQL could not be had (the run says so).
 */
public final class Summary {

    /** The headline figures, printed last; CI checks that each is there with a finite value. */
    public static final List<String> REQUIRED = List.of(
            "throughput_ratio_vs_passthrough",
            "eos_vs_alos_ratio",
            "freshness_p99_ms",
            "get_p99_ms",
            "get_throughput_ratio_vs_trivial",
            "state_bytes_per_mentor",
            "restore_ratio_vs_consumer",
            "list_p50_ms",
            "list_p99_ms",
            "topology_cpu_us_per_event",
            "peer_get_throughput_ratio",
            "peer_get_p99_ratio",
            "peer_ingest_ratio");

    private Summary() {
    }

    static Map<String, Double> of(BenchResults.Throughput throughput, BenchResults.Freshness freshness,
                                  BenchResults.Freshness freshnessAtQuarterRate, BenchResults.Http http,
                                  BenchResults.State state, BenchResults.Restore restore,
                                  BenchResults.Correctness correctness, ListsBench.Result lists,
                                  PeerBench.Result peer) {
        Map<String, Double> summary = new LinkedHashMap<>();
        throughput.medianRecordsPerSecond().forEach((kind, rate) -> summary.put(kind + "_events_per_s", rate));
        throughput.medianCpuMicrosPerRecord().forEach((kind, cpu) -> summary.put(kind + "_cpu_us_per_event", cpu));
        summary.put("cpu_ratio_vs_passthrough", throughput.cpuRatioVsPassthrough());
        summary.put("cpu_ratio_vs_passthrough_same_hops", Benchmark.ratio(
                throughput.medianCpuMicrosPerRecord().getOrDefault("passthrough_same_hops_eos", Double.NaN),
                throughput.medianCpuMicrosPerRecord().getOrDefault("topology_eos", Double.NaN)));
        summary.put("throughput_rounds", (double) throughput.rounds());
        summary.put("freshness_rate_events_per_s", freshness.achievedRate());
        summary.put("freshness_probes", (double) freshness.probes());
        summary.put("freshness_timeouts", (double) freshness.timeouts());
        summary.put("freshness_p50_ms", freshness.latency().p50Ms());
        summary.put("freshness_p95_ms", freshness.latency().p95Ms());
        summary.put("freshness_max_backlog_records", (double) freshness.maxBacklog());
        summary.put("freshness_quarter_rate_events_per_s", freshnessAtQuarterRate.achievedRate());
        summary.put("freshness_quarter_rate_p50_ms", freshnessAtQuarterRate.latency().p50Ms());
        summary.put("freshness_quarter_rate_p99_ms", freshnessAtQuarterRate.latency().p99Ms());
        summary.put("freshness_quarter_rate_max_backlog_records", (double) freshnessAtQuarterRate.maxBacklog());
        summary.put("get_requests_per_s", http.stats().requestsPerSecond());
        summary.put("get_p50_ms", http.stats().latency().p50Ms());
        summary.put("get_errors", (double) http.stats().errors());
        summary.put("get_cpu_us_per_request", http.stats().cpuMicrosPerRequest());
        summary.put("trivial_requests_per_s", http.trivial().requestsPerSecond());
        summary.put("trivial_p50_ms", http.trivial().latency().p50Ms());
        summary.put("trivial_p99_ms", http.trivial().latency().p99Ms());
        summary.put("trivial_cpu_us_per_request", http.trivial().cpuMicrosPerRequest());
        summary.put("state_mentors", (double) state.mentors());
        summary.put("state_bytes_per_mentor_as_closed", state.bytesPerMentorAsClosed());
        summary.put("state_logical_bytes_per_mentor", state.logicalBytesPerMentor());
        summary.put("state_bytes_per_mentor_uncompressed", state.bytesPerMentorUncompressed());
        summary.put("restore_records_per_s", restore.recordsPerSecond());
        summary.put("consumer_records_per_s", restore.consumerRecordsPerSecond());
        summary.put("correctness_mismatches", (double) correctness.mismatches());
        summary.put("dead_letters", (double) correctness.deadLetters());
        listContext(summary, lists);
        peerContext(summary, peer);

        summary.put("throughput_ratio_vs_passthrough", throughput.ratioVsPassthrough());
        summary.put("eos_vs_alos_ratio", throughput.eosVsAlosRatio());
        summary.put("freshness_p99_ms", freshness.latency().p99Ms());
        summary.put("get_p99_ms", http.stats().latency().p99Ms());
        summary.put("get_throughput_ratio_vs_trivial", http.throughputRatio());
        summary.put("state_bytes_per_mentor", state.bytesPerMentor());
        summary.put("restore_ratio_vs_consumer", restore.ratio());
        summary.put("list_p50_ms", lists.worstP50Ms());
        summary.put("list_p99_ms", lists.worstP99Ms());
        summary.put("topology_cpu_us_per_event", throughput.medianCpuMicrosPerRecord().getOrDefault("topology_eos",
                Double.NaN));
        peerHeadline(summary, http, peer,
                throughput.medianRecordsPerSecond().getOrDefault("topology_eos", Double.NaN));
        return summary;
    }

    /**
     * The figures of the peer run alone ({@code --peer-only}): the service's GET figures and the
     * peer's context, then the three peer headline figures; {@code peer_ingest_ratio} is NaN, as no
     * topology throughput is measured.
     */
    static Map<String, Double> ofPeer(BenchResults.Http http, BenchResults.Correctness correctness,
                                      PeerBench.Result peer) {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("get_requests_per_s", http.stats().requestsPerSecond());
        summary.put("get_p50_ms", http.stats().latency().p50Ms());
        summary.put("get_p99_ms", http.stats().latency().p99Ms());
        summary.put("get_cpu_us_per_request", http.stats().cpuMicrosPerRequest());
        summary.put("correctness_mismatches", (double) correctness.mismatches());
        peerContext(summary, peer);
        peerHeadline(summary, http, peer, Double.NaN);
        return summary;
    }

    private static void peerContext(Map<String, Double> summary, PeerBench.Result peer) {
        summary.put("peer_available", peer.available() ? 1.0 : 0.0);
        summary.put("peer_single_row_events_per_s", peer.singleRowEventsPerSecond());
        summary.put("peer_batched_events_per_s", peer.batchedEventsPerSecond());
        summary.put("peer_get_requests_per_s", peer.requestsPerSecond());
        summary.put("peer_get_p50_ms", peer.get() == null ? Double.NaN : peer.get().latency().p50Ms());
        summary.put("peer_get_p99_ms", peer.p99Ms());
        summary.put("peer_get_errors", peer.get() == null ? Double.NaN : (double) peer.get().errors());
        summary.put("peer_get_cpu_us_per_request", peer.get() == null ? Double.NaN : peer.get().cpuMicrosPerRequest());
        summary.put("peer_get_database_cpu_us_per_request", peer.databaseCpuMicrosPerRequest());
        summary.put("peer_mismatches", peer.available() ? (double) peer.comparison().mismatches() : Double.NaN);
    }

    private static void peerHeadline(Map<String, Double> summary, BenchResults.Http http, PeerBench.Result peer,
                                     double topologyEventsPerSecond) {
        summary.put("peer_get_throughput_ratio", Benchmark.ratio(http.stats().requestsPerSecond(),
                peer.requestsPerSecond()));
        summary.put("peer_get_p99_ratio", Benchmark.ratio(http.stats().latency().p99Ms(), peer.p99Ms()));
        summary.put("peer_ingest_ratio", Benchmark.ratio(topologyEventsPerSecond, peer.singleRowEventsPerSecond()));
    }

    /** The figures of a list phase run alone ({@code --lists-only}): its context, then its two headline figures. */
    static Map<String, Double> ofLists(ListsBench.Result lists) {
        Map<String, Double> summary = new LinkedHashMap<>();
        listContext(summary, lists);
        summary.put("list_p50_ms", lists.worstP50Ms());
        summary.put("list_p99_ms", lists.worstP99Ms());
        return summary;
    }

    private static void listContext(Map<String, Double> summary, ListsBench.Result lists) {
        for (ListsBench.SizeResult size : lists.sizes()) {
            for (ListsBench.QueryResult query : size.queries()) {
                summary.put("list_" + size.mentors() + "_" + query.name() + "_p50_ms", query.latency().p50Ms());
                summary.put("list_" + size.mentors() + "_" + query.name() + "_p99_ms", query.latency().p99Ms());
            }
        }
        summary.put("list_growth_p50", lists.growthP50());
        summary.put("list_growth_p99", lists.growthP99());
    }

    /** One {@code name: value} line per figure, in order. */
    public static List<String> lines(Map<String, Double> summary) {
        return summary.entrySet().stream().map(e -> e.getKey() + ": " + format(e.getValue())).toList();
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.3f", value);
    }
}
