package org.peerstats.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void linesAreNameColonValueWithWholeNumbersPlainAndOthersRounded() {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("dead_letters", 0.0);
        figures.put("get_p99_ms", 3.14159);
        figures.put("topology_eos_events_per_s", 1234.567);
        figures.put("restore_ratio_vs_consumer", Double.NaN);
        assertEquals(List.of("dead_letters: 0", "get_p99_ms: 3.142", "topology_eos_events_per_s: 1234.6",
                "restore_ratio_vs_consumer: NaN"), Summary.lines(figures));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Benchmark.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Benchmark.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }
}
