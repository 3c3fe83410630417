package org.peerstats.bench.throughput;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the threads of this JVM: those of one Kafka Streams application (their names
 * contain the application id: stream threads, their producers' network threads, the state
 * updater), of the whole process (which includes the embedded broker), and by thread group. CPU
 * per record is far less sensitive to other processes on the machine than records per second,
 * and the groups say where the JVM's CPU went (application, broker, log cleaner, ...).
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds at one moment, per live thread id, with the thread's name. */
    record Snapshot(Map<Long, Long> nanos, Map<Long, String> names, long processNanos) {

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

    static Snapshot snapshot() {
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
        return new Snapshot(nanos, names, process);
    }

    /**
     * CPU seconds per thread group between two snapshots, largest first, at most {@code limit}
     * groups. A group is a thread name without numbers and ids, the application id as {@code <app>}.
     */
    static Map<String, Double> byGroup(Snapshot start, Snapshot end, String applicationId, int limit) {
        Map<String, Double> groups = new HashMap<>();
        end.nanos().forEach((id, nanos) -> {
            long delta = nanos - start.nanos().getOrDefault(id, 0L);
            if (delta > 0) {
                groups.merge(group(end.names().get(id), applicationId), delta / 1e9, Double::sum);
            }
        });
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
