package org.peerstats.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.EventValidator;

class WorkloadGeneratorTest {

    private static final Instant END = Instant.parse("2026-03-26T12:00:00Z");
    private static final Workload WORKLOAD = WorkloadGenerator.generate(WorkloadSpec.of(7, 3000, 30_000, END));

    @Test
    void theSameSeedGivesTheSameWorkload() {
        Workload again = WorkloadGenerator.generate(WorkloadSpec.of(7, 3000, 30_000, END));
        assertEquals(WORKLOAD.events(), again.events());
    }

    @Test
    void aboutTheAskedVolumeOverAYearInRecordTimeOrder() {
        Workload.Counts counts = WORKLOAD.counts();
        assertTrue(counts.originals() > 27_000 && counts.originals() < 33_000, "originals " + counts.originals());
        List<TimedEvent> events = WORKLOAD.events();
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i - 1).timestamp() <= events.get(i).timestamp(), "sorted at " + i);
        }
        assertTrue(events.get(events.size() - 1).timestamp() <= END.toEpochMilli());
        assertTrue(Duration.between(Instant.ofEpochMilli(events.get(0).timestamp()), END).toDays() > 350);
    }

    @Test
    void aFewMentorsAreVeryActiveAndMostOccasional() {
        Map<String, Integer> perMentor = new HashMap<>();
        WORKLOAD.events().forEach(e -> perMentor.merge(e.key(), 1, Integer::sum));
        List<Integer> sorted = perMentor.values().stream().sorted((a, b) -> b - a).toList();
        int total = sorted.stream().mapToInt(Integer::intValue).sum();
        int topOnePercent = sorted.subList(0, 30).stream().mapToInt(Integer::intValue).sum();
        assertTrue(topOnePercent > total / 5, "the top 1 % of mentors log over a fifth: " + topOnePercent + "/" + total);
        assertTrue(sorted.get(0) <= 2.5 * 366 * 1.1, "capped near 2.5 a day: " + sorted.get(0));
        assertTrue(sorted.get(sorted.size() / 2) <= 5, "the median mentor is occasional: " + sorted.get(sorted.size() / 2));
    }

    @Test
    void correctionsAndDeletesAreAboutTwoPercentAndLateEventsAtMostSevenDaysLate() {
        Workload.Counts counts = WORKLOAD.counts();
        assertTrue(counts.correctionAndDeleteShare() > 0.015 && counts.correctionAndDeleteShare() < 0.025,
                "share " + counts.correctionAndDeleteShare());
        assertTrue(counts.deletes() > 0 && counts.duplicates() > 0 && counts.late() > 0);
        assertTrue(counts.maxLatenessMillis() <= Duration.ofDays(7).toMillis(), "max " + counts.maxLatenessMillis());
    }

    @Test
    void everyEventPassesTheTopologysValidationAndTheExpectedCountsFollowTheDeletes() {
        Set<String> upserted = new HashSet<>();
        Map<String, Long> live = new HashMap<>();
        for (TimedEvent event : WORKLOAD.events()) {
            EventValidator.validateActivity(event.key(), event.value(), Instant.ofEpochMilli(event.timestamp()));
            String id = event.value().activityId();
            if (event.value().op() == EventOp.DELETE) {
                assertTrue(upserted.contains(id), "a delete follows its activity: " + id);
                live.merge(event.key(), -1L, Long::sum);
            } else if (upserted.add(id)) {
                live.merge(event.key(), 1L, Long::sum);
            }
        }
        assertEquals(live, WORKLOAD.expectedActivityCount());
    }
}
