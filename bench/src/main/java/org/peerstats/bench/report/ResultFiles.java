package org.peerstats.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.peerstats.bench.BenchResults;
import org.peerstats.bench.Benchmark;
import org.peerstats.streams.serde.Json;

/** Writes a run's results: {@code latest.json}, {@code latest.md}, {@code latency.png}; and, asked to, the docs. */
public final class ResultFiles {

    private ResultFiles() {
    }

    /** Writes the three result files into {@code dir}; returns the JSON file. */
    public static Path write(Path dir, BenchResults results, Map<String, Histogram> histograms) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve("latest.json");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), results);
            Files.writeString(dir.resolve("latest.md"), FiguresMarkdown.render(results), StandardCharsets.UTF_8);
            plot(dir.resolve("latency.png"), results, histograms);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + dir, e);
        }
    }

    /** Writes a {@code --restore-only} run's {@code restore.json} into {@code dir} and returns it. */
    public static Path writeRestore(Path dir, Benchmark.RestoreOutcome restore) {
        return writeJson(dir, "restore.json", restore);
    }

    /** Writes a {@code --peer-only} run's {@code peer.json} into {@code dir} and returns it. */
    public static Path writePeer(Path dir, Benchmark.PeerOutcome peer) {
        return writeJson(dir, "peer.json", peer);
    }

    private static Path writeJson(Path dir, String name, Object value) {
        try {
            Files.createDirectories(dir);
            Path json = dir.resolve(name);
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), value);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + dir, e);
        }
    }

    /**
     * Puts the figures between the markers of {@code benchmarks.md} in {@code docsDir} (the
     * hand-written text around them stays) and writes {@code benchmarks-latency.png}.
     *
     * @throws IllegalStateException when the file or its markers are missing
     */
    public static void updateDocs(Path docsDir, BenchResults results, Map<String, Histogram> histograms) {
        Path doc = docsDir.resolve("benchmarks.md");
        try {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            int begin = text.indexOf(FiguresMarkdown.BEGIN);
            int end = text.indexOf(FiguresMarkdown.END);
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(doc + " has no generated-figures markers ("
                        + FiguresMarkdown.BEGIN + " ... " + FiguresMarkdown.END + ")");
            }
            String updated = text.substring(0, begin + FiguresMarkdown.BEGIN.length()) + "\n"
                    + FiguresMarkdown.render(results) + text.substring(end);
            Files.writeString(doc, updated, StandardCharsets.UTF_8);
            plot(docsDir.resolve("benchmarks-latency.png"), results, histograms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + doc, e);
        }
    }

    private static void plot(Path file, BenchResults results, Map<String, Histogram> histograms) {
        Map<String, Histogram> series = new java.util.LinkedHashMap<>();
        label(series, histograms, "get_stats", "GET /api/v1/peer-mentor-stats/:id");
        label(series, histograms, "get_health_live", "GET /health/live (trivial)");
        label(series, histograms, "freshness", "freshness (produce → GET)");
        label(series, histograms, "freshness_quarter_rate", "freshness at a quarter of the rate");
        label(series, histograms, "peer_get_stats", "GET stats, PostgreSQL peer (SQL per request)");
        LatencyPlot.write(file, "peerstats latency by percentile — " + results.mode() + " run, "
                        + results.machine().processors() + " CPUs, " + results.startedAt().substring(0, 10),
                series, List.of(
                        new LatencyPlot.Marker("GET p99 target 10 ms", 10, new Color(0x1f77b4)),
                        new LatencyPlot.Marker("freshness p99 target 250 ms", 250, new Color(0x2ca02c))));
    }

    private static void label(Map<String, Histogram> series, Map<String, Histogram> histograms, String key,
                              String label) {
        Histogram histogram = histograms.get(key);
        if (histogram != null) {
            series.put(label, histogram);
        }
    }
}
