package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.reference.HistoryInput;
import org.peerstats.streams.reference.RandomHistories;
import org.peerstats.streams.reference.RandomHistories.History;

/**
 * Re-processing is deterministic (DESIGN.md section 5): the same input records, fed into two fresh
 * topologies, give byte-identical {@code mentor-stats} and {@code dead-letter} outputs in the same
 * order, and the same stores, whatever the wall clock says.
 */
class ReplayDeterminismTest {

    private static final List<Long> SEEDS = List.of(7L, 1_234L, 20_261_025L, 20_261_192L, 99_999L);

    @BeforeAll
    static void quiet() {
        DeadLetterLogs.mute();
    }

    @AfterAll
    static void loud() {
        DeadLetterLogs.unmute();
    }

    /** Everything one run wrote, as text, in order. */
    private record Run(List<String> mentorStats, List<String> deadLetters, Map<String, String> stores) {
    }

    private static List<History> histories() {
        return SEEDS.stream().map(seed -> RandomHistories.generate(seed, 150)).toList();
    }

    private static Run process(Path stateDir, List<History> histories, Duration wallClockStep) {
        try (TopologyFixture fixture = new TopologyFixture(stateDir, RandomHistories.ZONES)) {
            TestOutputTopic<byte[], byte[]> rawStats = fixture.driver.createOutputTopic(
                    fixture.topics.mentorStats().name(), Serdes.ByteArray().deserializer(),
                    Serdes.ByteArray().deserializer());
            List<String> stats = new ArrayList<>();
            List<String> deadLetters = new ArrayList<>();
            // Interleave the histories record by record, as partitions of a real topic would be.
            int longest = histories.stream().mapToInt(h -> h.inputs().size()).max().orElse(0);
            for (int i = 0; i < longest; i++) {
                for (History history : histories) {
                    if (i < history.inputs().size()) {
                        HistoryInput input = history.inputs().get(i);
                        input.pipeInto(fixture);
                        fixture.driver.advanceWallClockTime(wallClockStep);
                        rawStats.readRecordsToList().forEach(r -> stats.add(describe(r)));
                        fixture.deadLetters.readRecordsToList().forEach(r -> deadLetters.add(describe(r)));
                    }
                }
            }
            Map<String, String> stores = new LinkedHashMap<>();
            for (History history : histories) {
                for (String mentor : history.mentors()) {
                    stores.put(mentor + " state", fixture.state(mentor).map(s -> s.toStats(mentor,
                            history.lastRecordTime(), RandomHistories.ZONES.zoneOf(s.organisationId)).toString())
                            .orElse("none"));
                    stores.put(mentor + " days", fixture.days(mentor).toString());
                }
            }
            return new Run(stats, deadLetters, stores);
        }
    }

    /** Key, value and timestamp as text; for dead letters also every header but the stack trace. */
    private static String describe(TestRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder();
        text.append(utf8(record.key())).append(" @").append(record.getRecordTime()).append(" ")
                .append(utf8(record.value()));
        StreamSupport.stream(record.headers().spliterator(), false)
                .filter(header -> !header.key().equals("__streams.errors.stacktrace"))
                .forEach(header -> text.append(" [").append(header.key()).append("=").append(utf8(header.value()))
                        .append("]"));
        return text.toString();
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void processingTheSameInputTwiceGivesIdenticalOutputsInTheSameOrder(@TempDir Path first, @TempDir Path second) {
        List<History> histories = histories();

        Run once = process(first, histories, Duration.ZERO);
        Run again = process(second, histories, Duration.ofHours(7));

        assertTrue(once.mentorStats().size() > 200, "enough output to compare: " + once.mentorStats().size());
        assertTrue(once.deadLetters().size() > 10, "dead letters to compare: " + once.deadLetters().size());
        assertEquals(once.mentorStats(), again.mentorStats());
        assertEquals(once.deadLetters(), again.deadLetters());
        assertEquals(once.stores(), again.stores());
    }

    @Test
    void theStatsDocumentsDependOnRecordTimesOnlyNotOnTheWallClock(@TempDir Path first, @TempDir Path second) {
        List<History> histories = List.of(RandomHistories.generate(424_242L, 150));

        Run now = process(first, histories, Duration.ZERO);
        Run yearsLater = process(second, histories, Duration.ofDays(400));

        assertTrue(!now.mentorStats().isEmpty());
        assertEquals(now.mentorStats(), yearsLater.mentorStats());
    }
}
