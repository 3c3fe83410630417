package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.badges.DefaultBadgeDefinitions;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.organisations.OrganisationDelta;
import org.peerstats.streams.organisations.PeriodKey;
import org.peerstats.streams.organisations.Tally;
import org.peerstats.streams.reference.HistoryInput;
import org.peerstats.streams.reference.RandomHistories;
import org.peerstats.streams.reference.RandomHistories.History;
import org.peerstats.streams.stats.DayBucket;
import org.peerstats.streams.stats.MentorState;

/**
 * The organisations' totals the topology keeps against a reference that sums the mentors' own
 * numbers (their day buckets, whether their stats show a current streak, their held badges, each
 * under the organisation the mentor is in now), for random histories of corrections, deletes,
 * moved activities, organisation moves, redeliveries and bad records, with the default badge
 * definitions awarding badges; checked part-way, at the end of each history and after a midnight
 * lapses the streaks. One driver for all histories: the totals are of every mentor so far.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganisationTotalsReferenceTest {

    private static final long FIRST_SEED = Long.getLong("peerstats.seed", 20_261_205L);
    private static final int HISTORIES = 60;
    private static final int MAX_INPUTS = 120;
    private static final int CHECK_EVERY = 20;
    private static final List<String> ORGANISATIONS = List.of(RandomHistories.OSLO_ORG, RandomHistories.NEW_YORK_ORG);

    private TopologyFixture fixture;
    private final List<String> mentors = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path stateDir) {
        DeadLetterLogs.mute();
        fixture = new TopologyFixture(stateDir, RandomHistories.ZONES);
        DefaultBadgeDefinitions.all().forEach(definition ->
                fixture.define(definition, java.time.Instant.parse("2026-01-01T00:00:00Z")));
    }

    @AfterAll
    void stop() {
        fixture.close();
        DeadLetterLogs.unmute();
    }

    @TestFactory
    Stream<DynamicTest> organisationTotalsAreTheSumsOfTheirMentorsNumbers() {
        return LongStream.range(FIRST_SEED, FIRST_SEED + HISTORIES).mapToObj(seed ->
                DynamicTest.dynamicTest("seed " + seed, () -> check(RandomHistories.generate(seed, MAX_INPUTS))));
    }

    private void check(History history) {
        mentors.addAll(history.mentors());
        List<HistoryInput> inputs = history.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).pipeInto(fixture);
            if (i % CHECK_EVERY == CHECK_EVERY - 1) {
                int last = i;
                compare(() -> "after input #" + last + " of " + history.describe(last));
            }
        }
        compare(() -> "at the end of " + history.describe(inputs.size()));
        for (String organisation : ORGANISATIONS) {
            ZoneId zone = RandomHistories.ZONES.zoneOf(organisation);
            fixture.midnight(zone, history.lastRecordTime().atZone(zone).toLocalDate().plusDays(3));
        }
        compare(() -> "after the midnights that lapse every streak, " + history.describe(inputs.size()));
        assertEquals(0, expected().getOrDefault(OrganisationDelta.storeKey(RandomHistories.OSLO_ORG,
                PeriodKey.ALL_TIME.toString()), Tally.ZERO).mentorsWithCurrentStreak(), "every streak lapsed");
    }

    private void compare(Supplier<String> context) {
        fixture.driver.advanceWallClockTime(OrganisationDeltaBuffer.INTERVAL.plusMillis(1));
        Map<String, Tally> expected = expected();
        assertTrue(expected.values().stream().anyMatch(tally -> tally.activities() > 0) || mentors.size() < 6,
                "the histories count activities");
        assertEquals(expected, kept(), context);
    }

    /** Every non-zero total the mentors' own numbers add up to, by store key. */
    private Map<String, Tally> expected() {
        Map<String, Tally> totals = new TreeMap<>();
        for (String mentor : mentors) {
            Optional<MentorState> state = fixture.state(mentor);
            if (state.isEmpty()) {
                continue;
            }
            String organisation = state.get().organisationId;
            Map<PeriodKey, Tally> contribution = new TreeMap<>(java.util.Comparator.comparing(PeriodKey::toString));
            for (Map.Entry<LocalDate, DayBucket> day : fixture.days(mentor).entrySet()) {
                DayBucket bucket = day.getValue();
                for (PeriodKey period : PeriodKey.containing(day.getKey())) {
                    Tally counts = new Tally(0, bucket.activities(), bucket.sessions(), bucket.minutes(), 0, 0);
                    contribution.merge(period, counts, Tally::plus);
                }
            }
            contribution.forEach((period, tally) -> add(totals, organisation, period,
                    tally.plus(new Tally(tally.activities() > 0 ? 1 : 0, 0, 0, 0, 0, 0))));
            if (state.get().lapseDay(RandomHistories.ZONES.zoneOf(organisation)).isPresent()) {
                add(totals, organisation, PeriodKey.ALL_TIME, new Tally(0, 0, 0, 0, 0, 1));
            }
        }
        for (EarnedBadge badge : fixture.earnedBadgesById().values()) {
            if (badge.held()) {
                LocalDate day = badge.awardedAt().atZone(RandomHistories.ZONES.zoneOf(badge.organisationId()))
                        .toLocalDate();
                PeriodKey.containing(day).forEach(period ->
                        add(totals, badge.organisationId(), period, new Tally(0, 0, 0, 0, 1, 0)));
            }
        }
        totals.values().removeIf(Tally::isZero);
        return totals;
    }

    private static void add(Map<String, Tally> totals, String organisation, PeriodKey period, Tally tally) {
        totals.merge(OrganisationDelta.storeKey(organisation, period.toString()), tally, Tally::plus);
    }

    /** Every non-zero total in {@code organisation-stats-state}. */
    private Map<String, Tally> kept() {
        KeyValueStore<String, Tally> store = fixture.driver.getKeyValueStore(StoreNames.ORGANISATION_STATS);
        Map<String, Tally> kept = new TreeMap<>();
        try (KeyValueIterator<String, Tally> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Tally> entry = all.next();
                if (!entry.value.isZero()) {
                    kept.put(entry.key, entry.value);
                }
            }
        }
        return kept;
    }
}
