package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peerstats.streams.TestEvents.completion;
import static org.peerstats.streams.TestEvents.deleteCompletion;
import static org.peerstats.streams.TestEvents.session;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.peerstats.streams.stats.MentorStats;

class TrainingCompletionTopologyTest extends TopologyTestSupport {

    private static final String OLA = "pm-ola-002";

    private MentorStats onlyPublished() {
        List<KeyValue<String, MentorStats>> published = fixture.published();
        assertEquals(1, published.size(), "one stats document published");
        return published.get(0).value;
    }

    @Test
    void completionsOfDistinctModulesAreCountedAndListedInSortedOrder() {
        fixture.send(completion(KARI, ORG, "module-c", "2026-03-01T10:00:00Z"), LOGGED);
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-02T10:00:00Z"), LOGGED);
        fixture.send(completion(KARI, ORG, "module-b", "2026-03-03T10:00:00Z"), LOGGED);

        List<KeyValue<String, MentorStats>> published = fixture.published();
        assertEquals(List.of(List.of("module-c"), List.of("module-a", "module-c"),
                List.of("module-a", "module-b", "module-c")),
                published.stream().map(kv -> kv.value.completedModuleIds()).toList());
        MentorStats last = published.get(2).value;
        assertEquals(3, last.trainingCompletionCount());
        assertEquals(KARI, published.get(2).key);
    }

    @Test
    void aTrainingCompletionAloneGivesAStatsDocumentWithNoActivity() {
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED);

        assertEquals(new MentorStats(KARI, ORG, 0, 0, 0, 0.0, 0, 1, List.of("module-a"), null, 0, null, 0, LOGGED),
                onlyPublished());
    }

    @Test
    void aRepeatedCompletionOfAModuleCountsOnceAndPublishesNothing() {
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED);
        fixture.published();

        fixture.send(completion(KARI, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED.plusSeconds(60));
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-05T10:00:00Z"), LOGGED.plusSeconds(120));

        assertTrue(fixture.mentorStats.isEmpty());
        assertEquals(1, fixture.statsAsOf(KARI, LOGGED, ZONES).trainingCompletionCount());
        assertEquals(LOGGED, fixture.state(KARI).orElseThrow().computedAt);
    }

    @Test
    void anEarlierCompletionOfAKnownModuleKeepsItCountedOnceAndRemembersTheFirstTime() {
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-05T10:00:00Z"), LOGGED);
        fixture.published();

        fixture.send(completion(KARI, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED.plusSeconds(60));

        MentorStats stats = onlyPublished();
        assertEquals(1, stats.trainingCompletionCount());
        assertEquals(List.of("module-a"), stats.completedModuleIds());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), fixture.state(KARI).orElseThrow().modules.get("module-a"));
    }

    @Test
    void aDeleteRetractsTheCompletion() {
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED);
        fixture.send(completion(KARI, ORG, "module-b", "2026-03-02T10:00:00Z"), LOGGED);
        fixture.published();

        fixture.send(deleteCompletion(KARI, "module-a"), LOGGED.plusSeconds(60));

        MentorStats stats = onlyPublished();
        assertEquals(1, stats.trainingCompletionCount());
        assertEquals(List.of("module-b"), stats.completedModuleIds());
        assertEquals(LOGGED.plusSeconds(60), stats.computedAt());
    }

    @Test
    void deletingAModuleThatWasNeverCompletedChangesNothingAndPublishesNothing() {
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED);
        fixture.published();

        fixture.send(deleteCompletion(KARI, "module-z"), LOGGED.plusSeconds(60));
        fixture.send(deleteCompletion(OLA, "module-a"), LOGGED.plusSeconds(60));

        assertTrue(fixture.mentorStats.isEmpty());
        assertTrue(fixture.state(OLA).isEmpty());
        assertEquals(List.of("module-a"), fixture.statsAsOf(KARI, LOGGED, ZONES).completedModuleIds());
    }

    @Test
    void aRedeliveredDeleteChangesNothing() {
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED);
        fixture.send(deleteCompletion(KARI, "module-a"), LOGGED.plusSeconds(60));
        fixture.published();

        fixture.send(deleteCompletion(KARI, "module-a"), LOGGED.plusSeconds(120));

        assertTrue(fixture.mentorStats.isEmpty());
        assertEquals(0, fixture.statsAsOf(KARI, LOGGED, ZONES).trainingCompletionCount());
    }

    @Test
    void aModuleCompletedAgainAfterItsDeleteCountsAgain() {
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED);
        fixture.send(deleteCompletion(KARI, "module-a"), LOGGED.plusSeconds(60));
        fixture.published();

        fixture.send(completion(KARI, ORG, "module-a", "2026-03-10T10:00:00Z"), LOGGED.plusSeconds(120));

        MentorStats stats = onlyPublished();
        assertEquals(1, stats.trainingCompletionCount());
        assertEquals(List.of("module-a"), stats.completedModuleIds());
    }

    @Test
    void completionsAreCountedPerMentor() {
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED);
        fixture.send(completion(OLA, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED);
        fixture.send(completion(OLA, ORG, "module-b", "2026-03-01T10:00:00Z"), LOGGED);
        fixture.send(deleteCompletion(KARI, "module-a"), LOGGED);

        assertEquals(List.of(), fixture.statsAsOf(KARI, LOGGED, ZONES).completedModuleIds());
        assertEquals(List.of("module-a", "module-b"), fixture.statsAsOf(OLA, LOGGED, ZONES).completedModuleIds());
    }

    @Test
    void trainingLeavesActivityCountsAndStreaksAlone() {
        fixture.send(session(KARI, ORG, "a1", "m1", "2026-03-24T10:00:00Z", 45), LOGGED);
        fixture.send(session(KARI, ORG, "a2", "m2", "2026-03-25T10:00:00Z", 45), LOGGED);
        fixture.published();

        fixture.send(completion(KARI, ORG, "module-a", "2026-03-26T10:00:00Z"), LOGGED.plusSeconds(60));

        MentorStats stats = onlyPublished();
        assertEquals(new MentorStats(KARI, ORG, 2, 2, 2, 1.5, 90, 1, List.of("module-a"),
                Instant.parse("2026-03-25T10:00:00Z"), 2, Instant.parse("2026-03-23T23:00:00Z"), 2,
                LOGGED.plusSeconds(60)), stats);
        assertEquals(2, fixture.days(KARI).size());
    }

    @Test
    void aCompletionExactlyADayAheadOfItsRecordIsCounted() {
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-27T12:00:00Z"), LOGGED);

        assertEquals(List.of("module-a"), onlyPublished().completedModuleIds());
        assertTrue(fixture.deadLetters.isEmpty());
    }

    @Test
    void theStatsDocumentOfATrainingChangeIsKeyedByTheMentorAndCarriesTheRecordTime() {
        fixture.send(completion(KARI, ORG, "module-a", "2026-03-01T10:00:00Z"), LOGGED);

        var record = fixture.mentorStats.readRecord();
        assertEquals(KARI, record.key());
        assertEquals(LOGGED, record.getRecordTime());
        assertEquals(LOGGED, record.value().computedAt());
        assertNull(record.value().lastActiveAt());
    }
}
