package org.peerstats.streams.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.Topics;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.badges.EarnedBadgeLists;
import org.peerstats.streams.detail.MentorDetailDocument;
import org.peerstats.streams.detail.MentorDetailLists;

/**
 * The lists kept beside the records agree with a full scan of the records: random histories of
 * earned badges (awards, revocations, moves between organisations, deletions) and mentor-detail
 * documents (new profiles, renames, status changes, moves, mentors forgotten), with ids and names
 * full of chars whose byte order differs from their string order; after every step, every list any
 * filter can ask for is compared, whole and in random pages, with the records filtered and sorted
 * as the endpoints define — and so are the totals.
 */
class IndexedListsTest {

    private static final String BADGES_STORE = "test-earned-badges-lists";
    private static final String DETAILS_STORE = "test-mentor-details-lists";
    private static final List<String> ORGANISATIONS = List.of("org-a", "org-b", "Org-a", "org-\uD83D\uDE00");
    private static final List<String> STATUSES = List.of("active", "paused", "Active");
    private static final Comparator<EarnedBadge> BY_AWARD_TIME_THEN_ID =
            Comparator.comparing(EarnedBadge::awardedAt).thenComparing(EarnedBadge::id);
    private static final Comparator<MentorDetailDocument> BY_NAME_THEN_ID = Comparator
            .comparing(MentorDetailDocument::fullName, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(MentorDetailDocument::mentorId);

    @TempDir
    Path stateDir;
    private final Topics topics = Topics.defaults();
    private TopologyTestDriver driver;
    private TestInputTopic<String, EarnedBadge> badgeRecords;
    private TestInputTopic<String, MentorDetailDocument> detailRecords;

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        IndexedGlobalStores.add(builder, topics.earnedBadges(), BADGES_STORE, "badges-source", new EarnedBadgeLists());
        IndexedGlobalStores.add(builder, topics.mentorDetails(), DETAILS_STORE, "details-source",
                new MentorDetailLists());
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "indexed-lists-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), properties);
        badgeRecords = driver.createInputTopic(topics.earnedBadges().name(), Serdes.String().serializer(),
                topics.earnedBadges().valueSerde().serializer());
        detailRecords = driver.createInputTopic(topics.mentorDetails().name(), Serdes.String().serializer(),
                topics.mentorDetails().valueSerde().serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void earnedBadgeListsAgreeWithAFullScanThroughAwardsRevocationsMovesAndDeletions() {
        Random random = new Random(20261202);
        List<String> mentors = randomIds(random, "m", 6);
        Map<String, EarnedBadge> current = new HashMap<>();
        List<String> ids = new ArrayList<>();
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(BADGES_STORE);
        for (int step = 0; step < 400; step++) {
            int action = random.nextInt(10);
            if (action < 4 || ids.isEmpty()) { // award
                String id = "eb-" + OrderedBytesTest.randomText(random, 3, OrderedBytesTest.PIECES_OF_VALID_TEXT) + "-" + step;
                EarnedBadge badge = new EarnedBadge(id, "def-" + random.nextInt(3), pick(random, mentors),
                        random.nextInt(8) == 0 ? null : pick(random, ORGANISATIONS), "Badge", "d", "i.svg",
                        Instant.parse("2026-03-14T10:00:00Z").plusSeconds(random.nextInt(5)), "system", null, null, null);
                ids.add(id);
                put(current, badge);
            } else {
                EarnedBadge old = current.get(pick(random, ids));
                if (old == null) {
                    continue;
                }
                EarnedBadge changed = switch (action) {
                    case 4, 5 -> new EarnedBadge(old.id(), old.badgeDefinitionId(), old.peerMentorId(),
                            old.organisationId(), old.badgeName(), old.badgeDescription(), old.iconUrl(), old.awardedAt(),
                            old.awardedBy(), old.note(), old.held() ? old.awardedAt().plusSeconds(60) : null,
                            old.held() ? "criteria no longer met" : null); // revoke, or hold again
                    case 6, 7 -> new EarnedBadge(old.id(), old.badgeDefinitionId(), old.peerMentorId(),
                            pick(random, ORGANISATIONS), old.badgeName(), old.badgeDescription(), old.iconUrl(),
                            old.awardedAt(), old.awardedBy(), old.note(), old.revokedAt(), old.revokeReason()); // move
                    case 8 -> new EarnedBadge(old.id(), old.badgeDefinitionId(), old.peerMentorId(),
                            old.organisationId(), "Renamed", old.badgeDescription(), old.iconUrl(), old.awardedAt(),
                            old.awardedBy(), old.note(), old.revokedAt(), old.revokeReason()); // same lists
                    default -> null; // deleted (a tombstone)
                };
                if (changed == null) {
                    current.remove(old.id());
                    badgeRecords.pipeInput(old.id(), null);
                } else {
                    put(current, changed);
                }
            }
            if (step % 20 == 19) {
                assertBadgeListsMatch(store, current, mentors, random);
            }
        }
        assertEquals(current.size(), IndexedStore.records(store, topics.earnedBadges().valueSerde().deserializer()).size());
    }

    @Test
    void dashboardListsAgreeWithAFullScanThroughProfilesRenamesMovesAndForgottenMentors() {
        Random random = new Random(42);
        List<String> mentors = randomIds(random, "pm", 40);
        Map<String, MentorDetailDocument> current = new HashMap<>();
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(DETAILS_STORE);
        for (int step = 0; step < 400; step++) {
            String mentor = pick(random, mentors);
            if (random.nextInt(10) == 0) {
                current.remove(mentor);
                detailRecords.pipeInput(mentor, null);
            } else {
                boolean known = random.nextInt(6) != 0;
                MentorDetailDocument document = new MentorDetailDocument(mentor, known,
                        known ? pick(random, ORGANISATIONS) : null,
                        random.nextInt(7) == 0 ? null : OrderedBytesTest.randomText(random, 3, OrderedBytesTest.PIECES_OF_VALID_TEXT),
                        random.nextInt(5) == 0 ? null : pick(random, STATUSES), false, null, random.nextInt(3),
                        null, null, null, null, null);
                current.put(mentor, document);
                detailRecords.pipeInput(mentor, document);
            }
            if (step % 20 == 19) {
                assertDashboardListsMatch(store, current, random);
            }
        }
    }

    private void put(Map<String, EarnedBadge> current, EarnedBadge badge) {
        current.put(badge.id(), badge);
        badgeRecords.pipeInput(badge.id(), badge);
    }

    private void assertBadgeListsMatch(KeyValueStore<Bytes, byte[]> store, Map<String, EarnedBadge> current,
                                       List<String> mentors, Random random) {
        for (Optional<String> organisation : optionalsOf(ORGANISATIONS)) {
            for (Optional<String> mentor : optionalsOf(mentors)) {
                for (boolean includeRevoked : new boolean[] {true, false}) {
                    Predicate<EarnedBadge> filter = badge -> organisation.map(o -> o.equals(badge.organisationId()))
                            .orElse(true) && mentor.map(badge.peerMentorId()::equals).orElse(true)
                            && (includeRevoked || badge.held());
                    List<EarnedBadge> expected = current.values().stream().filter(filter).sorted(BY_AWARD_TIME_THEN_ID)
                            .toList();
                    assertListMatches(store, topics.earnedBadges().valueSerde().deserializer(),
                            EarnedBadgeLists.scope(organisation, mentor, includeRevoked), expected, random,
                            organisation + " " + mentor + " revoked=" + includeRevoked);
                }
            }
        }
    }

    private void assertDashboardListsMatch(KeyValueStore<Bytes, byte[]> store,
                                           Map<String, MentorDetailDocument> current, Random random) {
        for (Optional<String> organisation : optionalsOf(ORGANISATIONS)) {
            for (Optional<String> status : optionalsOf(STATUSES)) {
                List<MentorDetailDocument> expected = current.values().stream()
                        .filter(document -> document.known()
                                && organisation.map(o -> o.equals(document.organisationId())).orElse(true)
                                && status.map(s -> s.equals(document.status())).orElse(true))
                        .sorted(BY_NAME_THEN_ID).toList();
                assertListMatches(store, topics.mentorDetails().valueSerde().deserializer(),
                        MentorDetailLists.scope(organisation, status), expected, random, organisation + " " + status);
            }
        }
    }

    private static <V> void assertListMatches(KeyValueStore<Bytes, byte[]> store,
                                              org.apache.kafka.common.serialization.Deserializer<V> deserializer,
                                              byte[] scope, List<V> expected, Random random, String what) {
        Page<V> whole = IndexedStore.list(store, deserializer, scope, 0, Integer.MAX_VALUE);
        assertEquals(expected, whole.items(), what);
        assertEquals(expected.size(), whole.total(), what + ": total");
        int limit = 1 + random.nextInt(5);
        long offset = random.nextInt(expected.size() + 2);
        List<V> page = expected.subList((int) Math.min(offset, expected.size()),
                (int) Math.min(offset + limit, expected.size()));
        assertEquals(page, IndexedStore.page(store, deserializer, scope, offset, limit), what + ": page at " + offset);
    }

    private static List<Optional<String>> optionalsOf(List<String> values) {
        List<Optional<String>> all = new ArrayList<>();
        all.add(Optional.empty());
        values.forEach(value -> all.add(Optional.of(value)));
        return all;
    }

    private static List<String> randomIds(Random random, String prefix, int count) {
        List<String> ids = new ArrayList<>();
        while (ids.size() < count) {
            String id = prefix + OrderedBytesTest.randomText(random, 2, OrderedBytesTest.PIECES_OF_VALID_TEXT) + ids.size();
            ids.add(id);
        }
        return ids;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
