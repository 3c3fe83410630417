package org.peerstats.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Optional Java Flight Recorder profiles, one file per benchmark phase, with a short summary of
 * where the sampled CPU time went: the hottest methods (top frame) and the share of samples by
 * code area (RocksDB, Jackson, Kafka clients, Kafka Streams, Jetty/Javalin, peerstats, ...).
 */
public final class Profiler {

    private final Path dir;
    private final Map<String, String> summaries = new LinkedHashMap<>();

    /** @param dir where to write {@code <phase>.jfr}, or {@code null} for no profiling */
    public Profiler(Path dir) {
        this.dir = dir;
        if (dir != null) {
            Dirs.create(dir);
        }
    }

    /** Runs {@code work}, recording it as phase {@code name} when profiling; the file is written even if it fails. */
    public <T> T during(String name, Callable<T> work) throws Exception {
        if (dir == null) {
            return work.call();
        }
        Recording recording;
        try {
            recording = new Recording(Configuration.getConfiguration("profile"));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot load the JFR 'profile' settings", e);
        }
        Path file = dir.resolve(name + ".jfr");
        recording.setToDisk(true);
        recording.start();
        try {
            return work.call();
        } finally {
            recording.stop();
            recording.dump(file);
            recording.close();
            summaries.put(name, file + "\n" + summarise(file));
        }
    }

    public Map<String, String> summaries() {
        return Map.copyOf(summaries);
    }

    /** The top methods and code areas by execution samples of one recording. */
    public static String summarise(Path file) {
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> areas = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                RecordedFrame top = frames.get(0);
                methods.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
                areas.merge(area(frames), 1L, Long::sum);
                var thread = event.getThread("sampledThread");
                threads.merge(thread == null ? "?" : threadGroup(thread.getJavaName()), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        long total = Math.max(1, samples);
        return "samples: " + samples + "\n"
                + "by thread: " + top(threads, total, 8) + "\n"
                + "by area (first frame from a known library): " + top(areas, total, 10) + "\n"
                + "hottest methods (self): " + top(methods, total, 15);
    }

    private static String top(Map<String, Long> counts, long total, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .map(e -> String.format("%s %.1f%%", e.getKey(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }

    private static String threadGroup(String name) {
        if (name == null) {
            return "?";
        }
        return name.replaceAll("[-_]?\\d+", "").replaceAll("-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "");
    }

    /** The code area of the innermost frame that belongs to a library we can name. */
    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            String area = areaOf(type);
            if (area != null) {
                return area;
            }
        }
        return "jdk/other";
    }

    private static String areaOf(String type) {
        if (type.startsWith("org.rocksdb")) {
            return "rocksdb";
        }
        if (type.startsWith("com.fasterxml.jackson")) {
            return "jackson";
        }
        if (type.startsWith("org.peerstats.bench")) {
            return "bench-harness";
        }
        if (type.startsWith("org.peerstats")) {
            return "peerstats";
        }
        if (type.startsWith("org.apache.kafka.streams")) {
            return "kafka-streams";
        }
        if (type.startsWith("org.apache.kafka.clients") || type.startsWith("org.apache.kafka.common")) {
            return "kafka-clients";
        }
        if (type.startsWith("kafka.") || type.startsWith("org.apache.kafka.storage")
                || type.startsWith("org.apache.kafka.server") || type.startsWith("org.apache.kafka.coordinator")
                || type.startsWith("org.apache.kafka.raft") || type.startsWith("org.apache.kafka.metadata")) {
            return "kafka-broker";
        }
        if (type.startsWith("org.eclipse.jetty") || type.startsWith("io.javalin")) {
            return "jetty/javalin";
        }
        if (type.startsWith("com.nimbusds")) {
            return "jwt";
        }
        if (type.startsWith("org.HdrHistogram")) {
            return "hdrhistogram";
        }
        return null;
    }
}
