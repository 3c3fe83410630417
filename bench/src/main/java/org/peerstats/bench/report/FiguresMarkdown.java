package org.peerstats.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peerstats.bench.BenchResults;
import org.peerstats.bench.CpuUsage;
import org.peerstats.bench.lists.ListsBench;
import org.peerstats.bench.peer.PeerBench;
import org.peerstats.bench.state.StateDirSize;
import org.peerstats.bench.throughput.StreamsRun;

/**
 * The figures of one run as Markdown: the headline table against the targets, then the details
 * (machine, conditions, workload, every throughput run, the stores). {@code --docs} puts it
 * between the markers of {@code docs/benchmarks.md}; the analysis around it is written by hand.
 */
public final class FiguresMarkdown {

    public static final String BEGIN = "<!-- BEGIN GENERATED FIGURES (./peerstats bench --docs) -->";
    public static final String END = "<!-- END GENERATED FIGURES -->";

    private FiguresMarkdown() {
    }

    public static String render(BenchResults r) {
        List<String> out = new ArrayList<>();
        Map<String, Double> s = r.summary();
        out.add("Run: mode `" + r.mode() + "`, started " + r.startedAt() + ", took " + f1(r.durationSeconds()) + " s.");
        out.add("");
        out.add("| figure | value | target | met |");
        out.add("|---|---|---|---|");
        BenchResults.Throughput t = r.throughput();
        row(out, s, "throughput_ratio_vs_passthrough", f2(t.ratioVsPassthrough()) + " (topology "
                + f0(t.medianRecordsPerSecond().get("topology_eos")) + " vs pass-through "
                + f0(t.medianRecordsPerSecond().get("passthrough_eos")) + " events/s, medians of " + t.rounds()
                + " round(s); by CPU per event " + f2(t.cpuRatioVsPassthrough()) + ": "
                + f0(t.medianCpuMicrosPerRecord().get("topology_eos")) + " vs "
                + f0(t.medianCpuMicrosPerRecord().get("passthrough_eos")) + " µs)");
        row(out, s, "cpu_ratio_vs_passthrough", f2(t.cpuRatioVsPassthrough()) + " (pass-through "
                + f0(t.medianCpuMicrosPerRecord().get("passthrough_eos")) + " ÷ topology "
                + f0(t.medianCpuMicrosPerRecord().get("topology_eos")) + " µs per event; with the topology's own hops, "
                + "through a one-partition topic by activity id first: "
                + f0(t.medianCpuMicrosPerRecord().get("passthrough_same_hops_eos")) + " µs, "
                + f0(t.medianRecordsPerSecond().get("passthrough_same_hops_eos")) + " events/s)");
        row(out, s, "eos_vs_alos_ratio", f2(t.eosVsAlosRatio()) + " (at_least_once "
                + f0(t.medianRecordsPerSecond().get("topology_alos")) + " events/s)");
        BenchResults.Freshness fr = r.freshness();
        BenchResults.Freshness quarter = r.freshnessAtQuarterRate();
        row(out, s, "freshness_p99_ms", f1(fr.latency().p99Ms()) + " ms (p50 " + f1(fr.latency().p50Ms()) + ", p95 "
                + f1(fr.latency().p95Ms()) + ", max " + f1(fr.latency().maxMs()) + "; " + fr.probes() + " probes, "
                + fr.timeouts() + " timeouts, at " + f0(fr.achievedRate()) + " events/s, backlog up to "
                + f0((double) fr.maxBacklog()) + " records; at a quarter of the rate, " + f0(quarter.achievedRate())
                + " events/s: p50 " + f1(quarter.latency().p50Ms()) + ", p99 " + f1(quarter.latency().p99Ms())
                + " ms, backlog up to " + f0((double) quarter.maxBacklog()) + ")");
        BenchResults.Endpoint stats = r.http().stats();
        BenchResults.Endpoint trivial = r.http().trivial();
        row(out, s, "get_p99_ms", f2(stats.latency().p99Ms()) + " ms (p50 " + f2(stats.latency().p50Ms())
                + ", p99.9 " + f2(stats.latency().p999Ms()) + "; " + stats.requests() + " requests, " + stats.errors()
                + " errors, " + r.http().clients() + " clients)");
        row(out, s, "get_throughput_ratio_vs_trivial", f2(r.http().throughputRatio()) + " (" + f0(stats.requestsPerSecond())
                + " vs " + f0(trivial.requestsPerSecond()) + " requests/s; JVM CPU " + f0(stats.cpuMicrosPerRequest())
                + " vs " + f0(trivial.cpuMicrosPerRequest()) + " µs per request; /health/live p50 "
                + f2(trivial.latency().p50Ms()) + ", p99 " + f2(trivial.latency().p99Ms()) + " ms)");
        row(out, s, "state_bytes_per_mentor", f0(r.state().bytesPerMentor()) + " B compacted, LZ4 as shipped (as closed "
                + f0(r.state().bytesPerMentorAsClosed()) + " B, logical " + f0(r.state().logicalBytesPerMentor())
                + " B, compacted uncompressed " + f0(r.state().bytesPerMentorUncompressed()) + " B; " + r.state().mentors()
                + " mentors, one year each)");
        row(out, s, "restore_ratio_vs_consumer", f2(r.restore().ratio()) + " (restore "
                + f0(r.restore().recordsPerSecond()) + " vs consumer " + f0(r.restore().consumerRecordsPerSecond())
                + " records/s, " + r.restore().records() + " records)");
        ListsBench.Result lists = r.lists();
        row(out, s, "list_p50_ms", f2(lists.worstP50Ms()) + " ms (the worst list query at "
                + lists.sizes().get(lists.sizes().size() - 1).mentors() + " mentors; "
                + f2(lists.growthP50()) + "× its figure at " + lists.sizes().get(0).mentors() + ")");
        row(out, s, "list_p99_ms", f2(lists.worstP99Ms()) + " ms (" + f2(lists.growthP99()) + "× at the smaller size)");
        row(out, s, "list_growth_p50", f2(lists.growthP50()));
        row(out, s, "list_growth_p99", f2(lists.growthP99()));
        row(out, s, "topology_cpu_us_per_event", f1(s.get("topology_cpu_us_per_event"))
                + " µs (the exactly_once_v2 topology's own threads, those named after its application id; median of "
                + t.rounds() + " round(s); the whole JVM, broker included: "
                + f0(t.medianProcessCpuMicrosPerRecord().get("topology_eos")) + " µs)");
        peerRows(out, s, r);
        out.add("");
        out.add("Correctness: " + r.correctness().checked() + " mentors' `activity_count` checked against the "
                + "workload, " + r.correctness().mismatches() + " wrong; " + r.correctness().deadLetters()
                + " dead letters.");
        out.add("");
        peerText(out, r);
        out.add("");

        MachineInfoText.append(out, r);

        out.add("");
        out.add("Workload: " + r.workload().mentors() + " mentors (" + r.workload().activeMentors() + " with activity), "
                + r.workload().events() + " events over " + f0(r.workload().historyDays()) + " days: "
                + r.workload().originals() + " activities, " + r.workload().corrections() + " corrections, "
                + r.workload().deletes() + " deletes (" + pct(r.workload().correctionAndDeleteShare()) + " together), "
                + r.workload().duplicates() + " redeliveries; " + r.workload().lateOverADay()
                + " logged more than a day late (latest " + f0(r.workload().maxLatenessHours()) + " h); preloaded at "
                + f0(r.workload().preloadRecordsPerSecond()) + " records/s.");
        out.add("");
        out.add("| round | application | records | start-up s | processing s | events/s | CPU µs/event (app) "
                + "| CPU µs/event (JVM) |");
        out.add("|---|---|---|---|---|---|---|---|");
        for (StreamsRun.Result run : t.runs()) {
            out.add("| " + run.round() + " | " + run.kind() + " | " + run.records() + " | " + f2(run.startupSeconds())
                    + " | " + f2(run.processingSeconds()) + " | " + f0(run.recordsPerSecond()) + " | "
                    + f0(run.applicationCpuMicrosPerRecord()) + " | " + f0(run.processCpuMicrosPerRecord()) + " |");
        }
        out.add("");
        out.add("Per round: topology ÷ pass-through " + list(t.ratioVsPassthroughByRound()) + "; EOS ÷ ALOS "
                + list(t.eosVsAlosRatioByRound()) + " (commit.interval.ms " + t.commitIntervalMs() + " for all).");
        out.add("");
        out.add("| store | SST bytes as closed | compacted | compacted, LZ4 | live changelog keys | live changelog "
                + "bytes |");
        out.add("|---|---|---|---|---|---|");
        for (Map.Entry<String, StateDirSize.StoreFiles> store : r.state().compacted().entrySet()) {
            StateDirSize.StoreFiles closed = r.state().asClosed().get(store.getKey());
            StateDirSize.StoreFiles lz4 = r.state().compactedLz4().get(store.getKey());
            out.add("| " + store.getKey() + " | " + (closed == null ? "?" : closed.sstBytes()) + " | "
                    + store.getValue().sstBytes() + " | " + (lz4 == null ? "?" : lz4.sstBytes()) + " | "
                    + r.state().changelogLiveKeys().getOrDefault(store.getKey(), 0L) + " | "
                    + r.state().changelogLiveBytes().getOrDefault(store.getKey(), 0L) + " |");
        }
        out.add("");
        out.add("Restore: " + r.restore().records() + " records in " + f2(r.restore().seconds()) + " s ("
                + f2(r.restore().startToRunningSeconds()) + " s from start to RUNNING); the plain consumer read "
                + r.restore().consumerRecords() + " records (" + r.restore().consumerBytes() + " bytes) in "
                + f2(r.restore().consumerSeconds()) + " s.");
        out.add("");
        out.add("Lists (" + ListsBench.CLIENTS + " clients a query; every answer checked for its exact total and page "
                + "before timing; the deep page is reported, not in the headline):");
        out.add("");
        out.add("| mentors | earned badges | loaded in s | query | example | requests/s | p50 ms | p99 ms | errors |");
        out.add("|---|---|---|---|---|---|---|---|---|");
        for (ListsBench.SizeResult size : lists.sizes()) {
            for (ListsBench.QueryResult query : size.queries()) {
                out.add("| " + size.mentors() + " | " + size.earnedBadges() + " | " + f1(size.loadSeconds()) + " | "
                        + query.name() + (query.headline() ? "" : " (not in headline)") + " | `" + query.example()
                        + "` | " + f0(query.requestsPerSecond()) + " | " + f2(query.latency().p50Ms()) + " | "
                        + f2(query.latency().p99Ms()) + " | " + query.errors() + " |");
            }
        }
        out.add("");
        out.add("![latency by percentile](benchmarks-latency.png)");
        return String.join("\n", out) + "\n";
    }

    /** The three peer rows, and the peer's context under the table (or why it was left out). */
    private static void peerRows(List<String> out, Map<String, Double> s, BenchResults r) {
        PeerBench.Result peer = r.peer();
        if (!peer.available()) {
            for (String name : List.of("peer_get_throughput_ratio", "peer_get_p99_ratio", "peer_ingest_ratio")) {
                row(out, s, name, "— (peer left out: " + peer.reason() + ")");
            }
            return;
        }
        BenchResults.Endpoint get = peer.get();
        row(out, s, "peer_get_throughput_ratio", f2(s.get("peer_get_throughput_ratio")) + " (peerstats "
                + f0(r.http().stats().requestsPerSecond()) + " vs PostgreSQL peer " + f0(get.requestsPerSecond())
                + " requests/s; the peer's JVM CPU " + f0(get.cpuMicrosPerRequest()) + " and PostgreSQL's "
                + f0(peer.databaseCpuMicrosPerRequest()) + " µs per request)");
        row(out, s, "peer_get_p99_ratio", f2(s.get("peer_get_p99_ratio")) + " (p99 " + f2(r.http().stats().latency()
                .p99Ms()) + " vs " + f2(get.latency().p99Ms()) + " ms; the peer's p50 " + f2(get.latency().p50Ms())
                + " ms, " + get.requests() + " requests, " + get.errors() + " errors)");
        row(out, s, "peer_ingest_ratio", f2(s.get("peer_ingest_ratio")) + " (topology "
                + f0(r.throughput().medianRecordsPerSecond().get("topology_eos")) + " vs single-row upserts "
                + f0(peer.single().eventsPerSecond()) + " events/s from " + peer.single().connections()
                + " connections; in batches of " + peer.batched().batchSize() + ": "
                + f0(peer.batched().eventsPerSecond()) + " events/s)");
    }

    /** What the peer ran on, and whether its answers matched peerstats'. */
    private static void peerText(List<String> out, BenchResults r) {
        PeerBench.Result peer = r.peer();
        if (!peer.available()) {
            out.add("PostgreSQL peer: left out — " + peer.reason());
            return;
        }
        out.add("PostgreSQL peer: " + peer.server().getOrDefault("version", "?") + " from "
                + peer.server().get("binaries") + " (" + peer.server().get("installation") + "), run as "
                + peer.server().get("run_as") + "; fsync " + peer.server().get("fsync") + ", synchronous_commit "
                + peer.server().get("synchronous_commit") + ", wal_sync_method " + peer.server().get("wal_sync_method")
                + ", shared_buffers " + peer.server().get("shared_buffers") + ". Ingest of " + peer.single().events()
                + " events: single-row " + f2(peer.single().seconds()) + " s (PostgreSQL's CPU "
                + f0(peer.single().serverCpuMicrosPerEvent()) + " µs per event), batched "
                + f2(peer.batched().seconds()) + " s; " + peer.liveEvents()
                + " live events of the freshness phase applied after them. Compared with peerstats: "
                + peer.comparison().checked() + " mentors, " + peer.comparison().fields().size() + " fields each, "
                + peer.comparison().mismatches() + " differing" + (peer.comparison().differences().isEmpty() ? ""
                : " (" + String.join("; ", peer.comparison().differences()) + ")") + ".");
    }

    private static void row(List<String> out, Map<String, Double> summary, String name, String value) {
        String target = Targets.of(name).map(Targets.Target::text).orElse("—");
        String met = Targets.of(name).map(tg -> tg.met(summary.getOrDefault(name, Double.NaN)) ? "yes" : "**no**")
                .orElse("—");
        out.add("| `" + name + "` | " + value + " | " + target + " | " + met + " |");
    }

    /** The machine, JVM and load lines. */
    static final class MachineInfoText {
        static void append(List<String> out, BenchResults r) {
            var m = r.machine();
            out.add("Machine: " + m.processors() + " CPUs (" + m.cpuModel() + "), " + (m.memoryBytes() >> 20)
                    + " MiB memory, " + m.os() + ". JVM: " + m.jvm() + " " + m.javaVersion() + ", max heap "
                    + (m.maxHeapBytes() >> 20) + " MiB, GC " + String.join(" + ", m.garbageCollectors())
                    + (m.jvmArguments().isEmpty() ? "" : ", flags `" + String.join(" ", m.jvmArguments()) + "`") + ".");
            out.add("");
            StringBuilder cpu = new StringBuilder();
            for (Map.Entry<String, CpuUsage.Usage> phase : r.conditions().cpuByPhase().entrySet()) {
                cpu.append(cpu.length() == 0 ? "" : "; ").append(phase.getKey()).append(" ")
                        .append(f2(phase.getValue().selfCores())).append(" (bench) + ")
                        .append(f2(phase.getValue().otherCores())).append(" (others)");
            }
            if (!r.conditions().streamsOverrides().isEmpty()) {
                out.add("**What-if run** with Kafka Streams settings " + r.conditions().streamsOverrides()
                        + " (not the service as shipped).");
                out.add("");
            }
            out.add("Conditions: load average " + r.conditions().loadAverageAtStart() + " at start, "
                    + r.conditions().loadAverageAtEnd() + " at end; cores busy by phase: " + cpu + ". "
                    + r.conditions().partitions() + " partitions per topic, one stream thread, broker, "
                    + "applications and load generators in one JVM.");
            out.add("");
            out.add("| phase | busiest threads of the JVM, in cores (OS thread names, 15 characters) |");
            out.add("|---|---|");
            r.conditions().cpuByPhase().forEach((name, usage) -> out.add("| " + name + " | "
                    + String.join(", ", usage.busiestThreads().entrySet().stream()
                            .map(e -> "`" + e.getKey() + "` " + f2(e.getValue())).toList()) + " |"));
        }
    }

    private static String list(List<Double> values) {
        return values.stream().map(FiguresMarkdown::f2).toList().toString();
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    static String f0(Double value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
