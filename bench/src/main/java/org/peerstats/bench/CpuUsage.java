package org.peerstats.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.peerstats.bench.throughput.ThreadCpu;

/**
 * How busy the machine's CPUs were, split into this process and everything else, between two
 * snapshots of {@code /proc/stat} and {@code /proc/self/stat}. It says how much other work (other
 * builds, tests) ran beside the benchmark — the noise in its figures.
 */
public final class CpuUsage {

    /**
     * Clock ticks: the whole machine's busy and total time, and this process's time; and this
     * process's threads (for {@link Usage#busiestThreads}).
     */
    public record Snapshot(long machineBusy, long machineTotal, long self, ThreadCpu.Snapshot threads) {
    }

    /**
     * Average cores in use over the interval.
     *
     * @param selfCores      by this JVM (the benchmark, the broker and the measured applications)
     * @param otherCores     by every other process
     * @param busiestThreads by this JVM's busiest thread groups (see {@link ThreadCpu#byGroup}), in cores
     */
    public record Usage(double selfCores, double otherCores, int processors, Map<String, Double> busiestThreads) {
    }

    private CpuUsage() {
    }

    public static Optional<Snapshot> snapshot() {
        Optional<String> stat = MachineInfo.read("/proc/stat");
        Optional<String> self = MachineInfo.read("/proc/self/stat");
        if (stat.isEmpty() || self.isEmpty()) {
            return Optional.empty();
        }
        try {
            String[] cpu = stat.get().lines().findFirst().orElseThrow().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            String afterName = self.get().substring(self.get().lastIndexOf(')') + 2);
            String[] fields = afterName.trim().split("\\s+");
            long selfTicks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Optional.of(new Snapshot(total - idle, total, selfTicks, ThreadCpu.snapshot()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public static Optional<Usage> between(Optional<Snapshot> start, Optional<Snapshot> end) {
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        int processors = Runtime.getRuntime().availableProcessors();
        double total = end.get().machineTotal() - start.get().machineTotal();
        if (total <= 0) {
            return Optional.empty();
        }
        double busy = end.get().machineBusy() - start.get().machineBusy();
        double self = end.get().self() - start.get().self();
        double cores = processors;
        double seconds = total / cores / ThreadCpu.TICKS_PER_SECOND;
        Map<String, Double> threads = new LinkedHashMap<>();
        ThreadCpu.byGroup(start.get().threads(), end.get().threads(), "", 8)
                .forEach((group, cpuSeconds) -> threads.put(group, Math.round(cpuSeconds / seconds * 100) / 100.0));
        return Optional.of(new Usage(self / total * cores, Math.max(0, busy - self) / total * cores, processors,
                threads));
    }
}
