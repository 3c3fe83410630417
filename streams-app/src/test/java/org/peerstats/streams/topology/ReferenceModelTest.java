package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.streams.TestEvents.completion;
import static org.peerstats.streams.TestEvents.deleteActivity;
import static org.peerstats.streams.TestEvents.deleteCompletion;
import static org.peerstats.streams.TestEvents.session;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.events.MentorProfile;
import org.peerstats.streams.events.TrainingCompletionEvent;
import org.peerstats.streams.reference.HistoryInput;
import org.peerstats.streams.reference.HistoryInput.Topic;
import org.peerstats.streams.reference.RandomHistories;
import org.peerstats.streams.reference.RandomHistories.History;
import org.peerstats.streams.reference.ReferenceStats;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.MentorStats;

/**
 * The topology against {@link ReferenceStats}, a naive model that recomputes everything from the
 * list of events: after every input record (the published document, or that nothing was
 * published) and at the end (stats as of several instants, and every day bucket), for many random
 * histories. A failure names the seed and lists the history; set {@code -Dpeerstats.seed=N} to
 * run other histories.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceModelTest {

    private static final long FIRST_SEED = Long.getLong("peerstats.seed", 20_261_025L);
    private static final int HISTORIES = 200;
    private static final int MAX_INPUTS = 150;

    /** One driver for every history: each history has its own mentor ids, so they never meet. */
    private TopologyFixture fixture;

    @BeforeAll
    void start(@TempDir Path stateDir) {
        DeadLetterLogs.mute();
        fixture = new TopologyFixture(stateDir, RandomHistories.ZONES);
    }

    @AfterAll
    void stop() {
        fixture.close();
        DeadLetterLogs.unmute();
    }

    @TestFactory
    Stream<DynamicTest> topologyAgreesWithTheReferenceModelOnRandomHistories() {
        return LongStream.range(FIRST_SEED, FIRST_SEED + HISTORIES).mapToObj(seed ->
                DynamicTest.dynamicTest("seed " + seed, () -> checkHistory(RandomHistories.generate(seed, MAX_INPUTS))));
    }

    private void checkHistory(History history) {
        List<HistoryInput> inputs = history.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            HistoryInput input = inputs.get(i);
            int reasonsBefore = fixture.deadLetterReasons.size();
            input.pipeInto(fixture);
            List<KeyValue<String, MentorStats>> expected = new ArrayList<>();
            for (String mentor : history.mentors()) {
                ReferenceStats model = history.model(mentor, i + 1);
                if (model.lastInputChanged()) {
                    expected.add(KeyValue.pair(mentor, model.statsAsOf(model.computedAt())));
                }
            }
            int index = i;
            // A moved activity changes two mentors, in the order their partitions are processed.
            List<KeyValue<String, MentorStats>> published = new ArrayList<>(fixture.published());
            published.sort(Comparator.comparing(record -> history.mentors().indexOf(record.key)));
            assertEquals(expected, published,
                    () -> "published after input #" + index + " of " + history.describe(index));
            checkDeadLetters(input, reasonsBefore, () -> "dead letters after input #" + index + " of "
                    + history.describe(index));
        }
        for (String mentor : history.mentors()) {
            checkFinalState(history, mentor);
        }
    }

    /**
     * An invalid record is reported to the listener once; one that parsed (or had no value) is on
     * the dead-letter topic with its original value bytes. (TopologyTestDriver does not capture
     * the dead letters of deserialization failures.)
     */
    private void checkDeadLetters(HistoryInput input, int reasonsBefore, Supplier<String> context) {
        boolean invalid = !ReferenceStats.isValid(input);
        assertEquals(invalid ? 1 : 0, fixture.deadLetterReasons.size() - reasonsBefore, context);
        List<TestRecord<byte[], byte[]>> deadLetters = fixture.deadLetters.readRecordsToList();
        if (invalid && !(input.value() instanceof String)) {
            assertEquals(1, deadLetters.size(), context);
            byte[] original = input.value() == null ? null
                    : input.topic() == Topic.ACTIVITIES
                    ? fixture.topics.activities().valueSerde().serializer().serialize("", (ActivityEvent) input.value())
                    : fixture.topics.trainingCompletions().valueSerde().serializer()
                            .serialize("", (TrainingCompletionEvent) input.value());
            assertArrayEquals(original, deadLetters.get(0).value(), context);
            assertArrayEquals(input.key().getBytes(StandardCharsets.UTF_8), deadLetters.get(0).key(), context);
        } else {
            assertEquals(List.of(), deadLetters, context);
        }
    }

    private void checkFinalState(History history, String mentor) {
        ReferenceStats model = history.model(mentor, history.inputs().size());
        Supplier<String> context = () -> "final state of " + mentor + ", "
                + history.describe(history.inputs().size());
        if (!model.exists()) {
            assertTrue(fixture.state(mentor).isEmpty(), () -> "no stats expected: " + context.get());
            assertEquals(Map.of(), fixture.days(mentor), context);
            return;
        }
        Map<LocalDate, DayBucket> days = model.days();
        assertEquals(days, fixture.days(mentor), () -> "day buckets: " + context.get());
        for (Instant asOf : asOfInstants(history, mentor, days)) {
            assertEquals(model.statsAsOf(asOf), fixture.statsAsOf(mentor, asOf, RandomHistories.ZONES),
                    () -> "stats as of " + asOf + ": " + context.get());
        }
    }

    /**
     * The end of the history and a few days after, and the edges of "today" and "yesterday" around
     * the latest active day: its last second, the next midnight, the last second of the next day
     * and the midnight after, in the mentor's zone. All are after every activity of the history.
     */
    private static List<Instant> asOfInstants(History history, String mentor, Map<LocalDate, DayBucket> days) {
        Instant end = history.lastRecordTime();
        List<Instant> instants = new ArrayList<>(List.of(end, end.plusSeconds(86_400), end.plusSeconds(2 * 86_400),
                end.plusSeconds(3 * 86_400)));
        if (!days.isEmpty()) {
            ZoneId zone = RandomHistories.MODEL_ZONES.get(history.model(mentor, history.inputs().size()).organisationId());
            LocalDate latest = new TreeSet<>(days.keySet()).last();
            Instant nextMidnight = latest.plusDays(1).atStartOfDay(zone).toInstant();
            Instant midnightAfter = latest.plusDays(2).atStartOfDay(zone).toInstant();
            instants.addAll(List.of(nextMidnight.minusSeconds(1), nextMidnight, midnightAfter.minusSeconds(1),
                    midnightAfter));
        }
        return instants;
    }

    // ---- the model and the generator themselves -----------------------------------------------

    @Test
    void theReferenceModelAgreesWithAHandWorkedHistory() {
        String mentor = "pm-hand";
        String org = RandomHistories.OSLO_ORG;
        Instant t = Instant.parse("2026-10-27T12:00:00Z");
        List<HistoryInput> inputs = List.of(
                activity(session(mentor, org, "a1", "m1", "2026-10-24T10:00:00Z", 20), t),
                activity(session(mentor, org, "a2", "m2", "2026-10-25T01:30:00Z", 70), t),
                activity(session(mentor, org, "a3", null, "2026-10-26T22:30:00Z", 30), t), // 27 Oct in Oslo
                activity(session(mentor, org, "a4", "m1", "2026-10-20T10:00:00Z", 15), t),
                activity(deleteActivity(mentor, "a4"), t.plusSeconds(1)),
                activity(session(mentor, org, "a4", "m1", "2026-10-20T10:00:00Z", 15), t.plusSeconds(2)),
                activity(session(mentor, org, "a3", null, "2026-10-26T10:00:00Z", 30), t.plusSeconds(3)),
                activity(session(mentor, org, "a1", "m1", "2026-10-24T10:00:00Z", 1441), t.plusSeconds(4)),
                new HistoryInput(Topic.TRAINING_COMPLETIONS, mentor, completion(mentor, org, "mod-b", "2026-10-01T10:00:00Z"), t),
                new HistoryInput(Topic.TRAINING_COMPLETIONS, mentor, completion(mentor, org, "mod-a", "2026-10-01T10:00:00Z"), t),
                new HistoryInput(Topic.TRAINING_COMPLETIONS, mentor, deleteCompletion(mentor, "mod-b"), t));

        ReferenceStats model = ReferenceStats.replay(inputs, mentor, RandomHistories.OSLO, RandomHistories.MODEL_ZONES);

        assertEquals(new MentorStats(mentor, org, 3, 3, 2, 2.0, 120, 1, List.of("mod-a"),
                Instant.parse("2026-10-26T10:00:00Z"), 3, Instant.parse("2026-10-23T22:00:00Z"), 3,
                t.plusSeconds(3)), model.statsAsOf(Instant.parse("2026-10-27T20:00:00Z")));
        assertEquals(0, model.statsAsOf(Instant.parse("2026-10-27T23:00:00Z")).currentStreakDays());
        assertEquals(List.of(LocalDate.parse("2026-10-24"), LocalDate.parse("2026-10-25"),
                LocalDate.parse("2026-10-26")), List.copyOf(model.days().keySet()));
        assertTrue(model.lastInputChanged());
    }

    private static HistoryInput activity(ActivityEvent event, Instant recordTime) {
        return new HistoryInput(Topic.ACTIVITIES, event.peerMentorId(), event, recordTime);
    }

    @Test
    void theRandomHistoriesCoverEveryKindOfInput() {
        int corrections = 0;
        int correctionsToAnotherDay = 0;
        int deletes = 0;
        int redeliveries = 0;
        int invalid = 0;
        int training = 0;
        int newYorkMentors = 0;
        int crossingDaylightSaving = 0;
        int inputs = 0;
        int moves = 0;
        int organisationMoves = 0;
        int mismatches = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + HISTORIES; seed++) {
            History history = RandomHistories.generate(seed, MAX_INPUTS);
            inputs += history.inputs().size();
            newYorkMentors += (int) history.organisationOf().values().stream()
                    .filter(RandomHistories.NEW_YORK_ORG::equals).count();
            Map<String, ActivityEvent> lastUpsert = new HashMap<>();
            Map<String, String> mentorOf = new HashMap<>();
            Map<String, String> organisationOf = new HashMap<>();
            List<HistoryInput> seen = new ArrayList<>();
            for (HistoryInput input : history.inputs()) {
                if (seen.stream().anyMatch(s -> s.topic() == input.topic() && Objects.equals(s.key(), input.key())
                        && Objects.equals(s.value(), input.value()))) {
                    redeliveries++;
                } else if (input.value() instanceof ActivityEvent e && input.key().equals(e.peerMentorId())
                        && ReferenceStats.isValid(input)) {
                    if (e.op() == EventOp.DELETE) {
                        deletes++;
                    } else {
                        String mentorBefore = mentorOf.put(e.activityId(), e.peerMentorId());
                        if (mentorBefore != null && !mentorBefore.equals(e.peerMentorId())) {
                            moves++;
                        }
                        if (!organisationOf.computeIfAbsent(e.peerMentorId(), m -> e.organisationId())
                                .equals(e.organisationId())) {
                            mismatches++;
                        }
                        ActivityEvent before = lastUpsert.put(input.key() + "/" + e.activityId(), e);
                        if (before != null) {
                            corrections++;
                            ZoneId zone = RandomHistories.MODEL_ZONES.get(e.organisationId());
                            if (!before.occurredAt().atZone(zone).toLocalDate()
                                    .equals(e.occurredAt().atZone(zone).toLocalDate())) {
                                correctionsToAnotherDay++;
                            }
                        }
                    }
                } else if (input.topic() == Topic.TRAINING_COMPLETIONS && ReferenceStats.isValid(input)) {
                    training++;
                } else if (input.value() instanceof MentorProfile profile) {
                    String before = organisationOf.put(input.key(), profile.organisationId());
                    if (before != null && !before.equals(profile.organisationId())) {
                        organisationMoves++;
                    }
                } else {
                    invalid++;
                }
                seen.add(input);
            }
            Instant first = history.inputs().get(0).recordTime();
            Instant last = history.lastRecordTime();
            if (crosses(first, last, "2026-03-08T07:00:00Z") || crosses(first, last, "2026-03-29T01:00:00Z")
                    || crosses(first, last, "2026-10-25T01:00:00Z") || crosses(first, last, "2026-11-01T06:00:00Z")) {
                crossingDaylightSaving++;
            }
        }
        String summary = "inputs " + inputs + ", corrections " + corrections + " (" + correctionsToAnotherDay
                + " to another day), deletes " + deletes + ", redeliveries " + redeliveries + ", invalid " + invalid
                + ", training " + training + ", New York mentors " + newYorkMentors + ", histories crossing DST "
                + crossingDaylightSaving + ", activities moved " + moves + ", organisation moves " + organisationMoves
                + ", events naming another organisation " + mismatches;
        assertTrue(inputs > 10_000, summary);
        assertTrue(correctionsToAnotherDay > 500, summary);
        assertTrue(deletes > 500, summary);
        assertTrue(redeliveries > 1_000, summary);
        assertTrue(invalid > 500, summary);
        assertTrue(training > 500, summary);
        assertTrue(newYorkMentors > 100, summary);
        assertTrue(crossingDaylightSaving > 100, summary);
        assertTrue(moves > 300, summary);
        assertTrue(organisationMoves > 100, summary);
        assertTrue(mismatches > 300, summary);
    }

    private static boolean crosses(Instant first, Instant last, String change) {
        Instant at = Instant.parse(change);
        return first.isBefore(at) && last.isAfter(at);
    }
}
