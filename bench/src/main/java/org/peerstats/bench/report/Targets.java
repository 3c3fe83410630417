package org.peerstats.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The targets for a 2-core machine that the figures are reported against. They are never
 * asserted (a benchmark on a shared machine is too noisy to fail a build on); the report says
 * whether each was met.
 */
public final class Targets {

    /** One target: {@code name} must be at least (or at most) {@code bound}. */
    public record Target(String name, String description, double bound, boolean atLeast) {
        public boolean met(double value) {
            return !Double.isNaN(value) && (atLeast ? value >= bound : value <= bound);
        }

        public String text() {
            return (atLeast ? "≥ " : "≤ ") + (bound == Math.rint(bound) ? String.valueOf((long) bound) : bound);
        }
    }

    public static final Map<String, Target> ALL = new LinkedHashMap<>();

    static {
        add(new Target("throughput_ratio_vs_passthrough", "topology ÷ pass-through throughput, both exactly_once_v2",
                0.5, true));
        add(new Target("cpu_ratio_vs_passthrough",
                "pass-through ÷ topology CPU per event in their own threads, both exactly_once_v2", 0.5, true));
        add(new Target("topology_cpu_us_per_event",
                "CPU of the exactly_once_v2 topology's own threads per input event (µs)", 40, false));
        add(new Target("freshness_p99_ms", "produce → visible through GET, p99 at half the maximum rate (ms)",
                250, false));
        add(new Target("get_p99_ms", "GET /api/v1/peer-mentor-stats/:id p99, 32 clients (ms)", 10, false));
        add(new Target("get_throughput_ratio_vs_trivial", "GET stats ÷ GET /health/live throughput", 0.5, true));
        add(new Target("state_bytes_per_mentor", "RocksDB bytes per mentor-year", 2048, false));
        add(new Target("restore_ratio_vs_consumer",
                "restore ÷ plain read_committed consumer, records/s over the same changelogs", 0.5, true));
        add(new Target("list_p50_ms", "worst list query's p50 at the largest size (100,000 mentors), 8 clients (ms)",
                5, false));
        add(new Target("list_p99_ms", "worst list query's p99 at the largest size (100,000 mentors), 8 clients (ms)",
                20, false));
        add(new Target("list_growth_p50", "that query's p50 at 100,000 mentors ÷ at 10,000", 1.5, false));
        add(new Target("list_growth_p99", "that query's p99 at 100,000 mentors ÷ at 10,000", 1.5, false));
        add(new Target("peer_get_throughput_ratio",
                "GET stats requests/s, peerstats ÷ the PostgreSQL peer (SQL per request), 32 clients each", 3, true));
        add(new Target("peer_get_p99_ratio", "GET stats p99, peerstats ÷ the PostgreSQL peer", 0.33, false));
        add(new Target("peer_ingest_ratio",
                "topology (exactly_once_v2) events/s ÷ the peer's single-row upserts/s (8 connections, "
                        + "durable commits)",
                3, true));
    }

    private Targets() {
    }

    private static void add(Target target) {
        ALL.put(target.name(), target);
    }

    public static Optional<Target> of(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
