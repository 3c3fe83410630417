package org.peerstats.bench.throughput;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the threads of this JVM: those of one Kafka Streams application (their names
 * contain the application id: stream threads, their producers' network threads, the state
 * updater), of the whole process (which includes the embedded broker), and by thread group. CPU
 * per record is far less sensitive to other processes on the machine than records per second,
 * and the groups say where the JVM's CPU went (application, broker, log cleaner, ...).
 */
public final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** USER_HZ: the unit of {@code /proc} CPU times on every mainstream Linux. */
    public static final double TICKS_PER_SECOND = 100.0;

    /**
     * CPU at one moment: nanoseconds per live Java thread id with the thread's name; and, on
     * Linux, clock ticks per OS thread with its (15-character) name, which also covers the JVM's
     * own threads (GC, JIT compilers) and RocksDB's flush and compaction threads.
     */
    public record Snapshot(Map<Long, Long> nanos, Map<Long, String> names, long processNanos, Map<String, Long> osTicks,
                    Map<String, String> osNames) {

        long applicationNanos(String applicationId) {
            long sum = 0;
            for (Map.Entry<Long, Long> entry : nanos.entrySet()) {
                if (names.get(entry.getKey()).contains(applicationId)) {
                    sum += entry.getValue();
                }
            }
            return sum;
        }
    }

    private ThreadCpu() {
    }

    public static Snapshot snapshot() {
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        if (THREADS.isThreadCpuTimeSupported()) {
            long[] ids = THREADS.getAllThreadIds();
            ThreadInfo[] infos = THREADS.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                long cpu = THREADS.getThreadCpuTime(ids[i]);
                if (infos[i] != null && cpu >= 0) {
                    nanos.put(ids[i], cpu);
                    names.put(ids[i], infos[i].getThreadName());
                }
            }
        }
        long process = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        Map<String, Long> osTicks = new HashMap<>();
        Map<String, String> osNames = new HashMap<>();
        readOsThreads(osTicks, osNames);
        return new Snapshot(nanos, names, process, osTicks, osNames);
    }

    /** Every OS thread of this process from {@code /proc/self/task}: its name and utime + stime. */
    private static void readOsThreads(Map<String, Long> ticks, Map<String, String> names) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] fields = stat.substring(close + 2).trim().split("\\s+");
                    String tid = task.getFileName().toString();
                    ticks.put(tid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    names.put(tid, stat.substring(open + 1, close));
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            // not Linux after all: no OS view
        }
    }

    /**
     * CPU seconds per thread group between two snapshots, largest first, at most {@code limit}
     * groups. On Linux the groups are OS thread names (15 characters: {@code bench-tp-topolo} is
     * the measured application's stream thread, {@code rocksdb:high} RocksDB's flushes,
     * {@code C2 CompilerThre} the JIT, {@code data-plane-kafk} the broker's request handlers)
     * without numbers; elsewhere Java thread names, the application id as {@code <app>}.
     */
    public static Map<String, Double> byGroup(Snapshot start, Snapshot end, String applicationId, int limit) {
        Map<String, Double> groups = new HashMap<>();
        if (!end.osTicks().isEmpty()) {
            end.osTicks().forEach((tid, ticks) -> {
                long delta = ticks - start.osTicks().getOrDefault(tid, 0L);
                if (delta > 0) {
                    groups.merge(end.osNames().get(tid).replaceAll("[#-]?\\d+$", ""), delta / TICKS_PER_SECOND,
                            Double::sum);
                }
            });
        } else {
            end.nanos().forEach((id, nanos) -> {
                long delta = nanos - start.nanos().getOrDefault(id, 0L);
                if (delta > 0) {
                    groups.merge(group(end.names().get(id), applicationId), delta / 1e9, Double::sum);
                }
            });
        }
        Map<String, Double> top = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(limit).forEach(e -> top.put(e.getKey(), Math.round(e.getValue() * 1000) / 1000.0));
        return top;
    }

    static String group(String threadName, String applicationId) {
        return threadName.replace(applicationId, "<app>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "")
                .replaceAll("-?\\d+", "")
                .replace("--", "-");
    }
}
