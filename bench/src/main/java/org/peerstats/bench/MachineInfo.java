package org.peerstats.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine and JVM a run was measured on, as far as Linux and the JVM tell. */
public record MachineInfo(
        int processors,
        long memoryBytes,
        String cpuModel,
        String os,
        String javaVersion,
        String jvm,
        long maxHeapBytes,
        List<String> garbageCollectors,
        List<String> jvmArguments) {

    public static MachineInfo capture() {
        Runtime runtime = Runtime.getRuntime();
        return new MachineInfo(
                runtime.availableProcessors(),
                readMemTotal().orElse(-1L),
                readCpuModel().orElse("unknown"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")",
                runtime.maxMemory(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** The 1, 5 and 15 minute load averages, or empty off Linux. */
    public static Optional<String> loadAverage() {
        return read("/proc/loadavg").map(text -> String.join(" ", List.of(text.trim().split("\\s+")).subList(0, 3)));
    }

    private static Optional<String> readCpuModel() {
        return read("/proc/cpuinfo").flatMap(text -> text.lines()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst());
    }

    private static Optional<Long> readMemTotal() {
        return read("/proc/meminfo").flatMap(text -> text.lines()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D+", "")) * 1024)
                .findFirst());
    }

    static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
