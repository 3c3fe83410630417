package org.peerstats.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole harness end to end in its {@code --quick} mode, so CI notices when it breaks. It checks
 * that every headline figure is there and finite — never how good the figures are: timing
 * targets belong in docs/benchmarks.md, not in a build that runs on a shared machine. The quick
 * run includes the PostgreSQL peer (so its three headline figures are finite too): without a
 * PostgreSQL server this test fails, as the peer is then left out.
 */
class BenchSmokeTest {

    @TempDir
    Path out;

    @Test
    @Timeout(value = 150, unit = java.util.concurrent.TimeUnit.SECONDS) // a hang guard; the run itself takes about a minute
    void quickRunPrintsEveryHeadlineFigureAsAFiniteNumberAndWritesTheResults() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        long started = System.nanoTime();
        int code = BenchMain.run(new String[] {"--quick", "--out", out.toString()},
                new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String printed = buffer.toString(StandardCharsets.UTF_8);

        assertEquals(0, code, printed);
        Map<String, String> summary = trailingSummary(printed);
        for (String name : Summary.REQUIRED) {
            assertTrue(summary.containsKey(name), name + " is missing from the summary:\n" + printed);
            double value = Double.parseDouble(summary.get(name));
            assertTrue(Double.isFinite(value), name + " is " + summary.get(name));
        }
        List<String> lines = printed.strip().lines().toList();
        assertEquals(Summary.REQUIRED, lines.subList(lines.size() - Summary.REQUIRED.size(), lines.size()).stream()
                .map(line -> line.substring(0, line.indexOf(':'))).toList(), "the headline figures come last");
        double fullRate = Double.parseDouble(summary.get("freshness_rate_events_per_s"));
        double quarterRate = Double.parseDouble(summary.get("freshness_quarter_rate_events_per_s"));
        assertTrue(quarterRate > 0 && quarterRate < fullRate, "quarter-rate freshness at " + quarterRate
                + " events/s against " + fullRate);
        assertTrue(Double.parseDouble(summary.get("freshness_quarter_rate_p99_ms")) > 0, printed);
        assertTrue(Double.parseDouble(summary.get("freshness_max_backlog_records")) >= 0, printed);
        assertEquals("0", summary.get("correctness_mismatches"), printed);
        assertEquals("0", summary.get("dead_letters"), printed);
        // --quick runs the PostgreSQL peer too, at the quick size: its answers must be peerstats'
        assertEquals("1", summary.get("peer_available"), printed);
        assertEquals("0", summary.get("peer_mismatches"), printed);
        assertTrue(Files.size(out.resolve("latest.json")) > 0);
        assertTrue(Files.readString(out.resolve("latest.md")).contains("throughput_ratio_vs_passthrough"));
        assertTrue(Files.size(out.resolve("latency.png")) > 0);
        System.out.println("quick run took " + took.toSeconds() + " s");
    }

    /** The {@code name: value} lines at the end of the output, in order. */
    private static Map<String, String> trailingSummary(String printed) {
        List<String> lines = printed.strip().lines().toList();
        Map<String, String> summary = new LinkedHashMap<>();
        for (int i = lines.size() - 1; i >= 0 && lines.get(i).matches("[a-z0-9_]+: \\S+"); i--) {
            String line = lines.get(i);
            summary.putIfAbsent(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 2));
        }
        return summary;
    }
}
