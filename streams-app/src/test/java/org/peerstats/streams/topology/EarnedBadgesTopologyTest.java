package org.peerstats.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerstats.streams.badges.BadgeCommand;
import org.peerstats.streams.badges.BadgeCriteria;
import org.peerstats.streams.badges.BadgeDefinition;
import org.peerstats.streams.badges.BadgeNotification;
import org.peerstats.streams.badges.CommandOutcome;
import org.peerstats.streams.badges.EarnedBadge;
import org.peerstats.streams.badges.EarnedBadgeIds;
import org.peerstats.streams.badges.NotificationType;
import org.peerstats.streams.events.ActivityEvent;
import org.peerstats.streams.events.ActivityType;
import org.peerstats.streams.events.CommandStatus;
import org.peerstats.streams.events.EventOp;
import org.peerstats.streams.stats.OrganisationZones;

/**
 * Earned badges in the production topology: awards and revocations by the rules, definitions
 * added and changed at run time, manual commands and their outcomes, the two output topics and
 * the global store. Record timestamps are explicit; every time asserted is one of them.
 */
class EarnedBadgesTopologyTest {

    private static final String KARI = "pm-kari-001";
    private static final String OLE = "pm-ole-002";
    private static final String TONE = "pm-tone-003";
    private static final String OSLO = "org-nhf-oslo";
    private static final String BERGEN = "org-lhl-bergen";
    private static final OrganisationZones ZONES = OrganisationZones.of(ZoneId.of("Europe/Oslo"));
    private static final Instant T0 = Instant.parse("2026-03-26T12:00:00Z");

    private static final BadgeDefinition THREE_ACTIVITIES = criteria("bdg-three", null, "Three Activities",
            "activity_count", 3, true);
    private static final BadgeDefinition FIRST_SESSION = criteria("bdg-first", null, "First Session",
            "session_count", 1, true);
    private static final BadgeDefinition THREE_DAY_STREAK = criteria("bdg-streak", null, "Streak",
            "longest_streak_days", 3, false);
    private static final BadgeDefinition COMMUNITY_BUILDER = new BadgeDefinition("bdg-community", null,
            "Community Builder", "Recognised for exceptional contribution", "community.svg", null, false);

    @TempDir
    Path stateDir;
    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(stateDir.resolve("main"), ZONES);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static BadgeDefinition criteria(String id, String organisation, String name, String metric, long min,
                                            boolean revocable) {
        return new BadgeDefinition(id, organisation, name, name + " badge", id + ".svg",
                new BadgeCriteria(metric, BigDecimal.valueOf(min)), revocable);
    }

    private static ActivityEvent activity(String mentor, String organisation, String id, ActivityType type,
                                          String day) {
        return new ActivityEvent(EventOp.UPSERT, id, mentor, organisation, type, "mentee-" + id,
                Instant.parse(day + "T10:00:00Z"), 30);
    }

    private static ActivityEvent session(String id, String day) {
        return activity(KARI, OSLO, id, ActivityType.SESSION, day);
    }

    private static ActivityEvent deleted(String mentor, String id) {
        return new ActivityEvent(EventOp.DELETE, id, mentor, null, null, null, null, null);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private List<TestRecord<String, EarnedBadge>> earned() {
        return fixture.earnedBadges.readRecordsToList();
    }

    private List<BadgeNotification> notifications() {
        return fixture.badgeNotifications.readValuesToList();
    }

    private static String summary(BadgeNotification n) {
        return n.type().wireName() + " " + n.badgeDefinitionId() + " " + n.peerMentorId() + " @" + n.occurredAt();
    }

    @Test
    void badgeIsAwardedOnceWhenTheThresholdIsCrossedAndNotAgain() {
        fixture.define(THREE_ACTIVITIES, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.send(session("a2", "2026-03-21"), at(2));
        assertTrue(fixture.earnedBadges.isEmpty());

        fixture.send(session("a3", "2026-03-23"), at(3));
        fixture.send(session("a4", "2026-03-24"), at(4));
        fixture.send(session("a3", "2026-03-23"), at(5)); // redelivered

        List<TestRecord<String, EarnedBadge>> records = earned();
        assertEquals(1, records.size());
        String id = EarnedBadgeIds.earnedBadgeId(KARI, "bdg-three", 1);
        assertEquals(id, records.get(0).key());
        assertEquals(new EarnedBadge(id, "bdg-three", KARI, OSLO, "Three Activities", "Three Activities badge",
                "bdg-three.svg", at(3), "system", null, null, null), records.get(0).value());
        BadgeNotification awarded = fixture.badgeNotifications.readRecord().value();
        assertEquals(new BadgeNotification(EarnedBadgeIds.notificationEventId(NotificationType.BADGE_AWARDED, id),
                NotificationType.BADGE_AWARDED, id, "bdg-three", KARI, OSLO, "Three Activities", "bdg-three.svg",
                at(3), "system", null), awarded);
        assertTrue(fixture.badgeNotifications.isEmpty());
        assertEquals(records.get(0).value(), fixture.earnedBadgesById().get(id));
    }

    @Test
    void deletedActivityRevokesTheBadgeWithTheReasonAndALaterOneAwardsItAgainUnderANewId() {
        fixture.define(THREE_ACTIVITIES, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.send(session("a2", "2026-03-21"), at(2));
        fixture.send(session("a3", "2026-03-22"), at(3));
        fixture.send(deleted(KARI, "a2"), at(4));
        fixture.send(session("a5", "2026-03-25"), at(5));

        String first = EarnedBadgeIds.earnedBadgeId(KARI, "bdg-three", 1);
        String second = EarnedBadgeIds.earnedBadgeId(KARI, "bdg-three", 2);
        List<TestRecord<String, EarnedBadge>> records = earned();
        assertEquals(List.of(first, first, second), records.stream().map(TestRecord::key).toList());
        EarnedBadge revoked = records.get(1).value();
        assertEquals(at(4), revoked.revokedAt());
        assertEquals("Criteria no longer met — activity_count is 2, below 3", revoked.revokeReason());
        assertEquals(at(3), revoked.awardedAt());
        assertEquals(List.of("badge_awarded bdg-three " + KARI + " @" + at(3),
                        "badge_revoked bdg-three " + KARI + " @" + at(4),
                        "badge_awarded bdg-three " + KARI + " @" + at(5)),
                notifications().stream().map(EarnedBadgesTopologyTest::summary).toList());
        assertEquals(Set.of(first, second), fixture.earnedBadgesById().keySet(), "revoked records are kept");
        assertEquals(at(4), fixture.earnedBadgesById().get(first).revokedAt());
        assertNull(fixture.earnedBadgesById().get(second).revokedAt());
    }

    @Test
    void correctionThatTurnsTheOnlySessionIntoAPhoneCallRevokesFirstSession() {
        fixture.define(FIRST_SESSION, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.send(activity(KARI, OSLO, "a1", ActivityType.PHONE_CALL, "2026-03-20"), at(2));

        List<BadgeNotification> sent = notifications();
        assertEquals(List.of(NotificationType.BADGE_AWARDED, NotificationType.BADGE_REVOKED),
                sent.stream().map(BadgeNotification::type).toList());
        assertEquals("Criteria no longer met — session_count is 0, below 1", sent.get(1).revokeReason());
        assertNull(sent.get(1).awardedBy());
    }

    @Test
    void nonRevocableBadgeStaysWhenItsCriteriaNoLongerHold() {
        fixture.define(THREE_DAY_STREAK, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.send(session("a2", "2026-03-21"), at(2));
        fixture.send(session("a3", "2026-03-22"), at(3));
        fixture.send(deleted(KARI, "a2"), at(4));

        assertEquals(1, fixture.state(KARI).orElseThrow().activeDays.longestDays());
        assertEquals(List.of("badge_awarded bdg-streak " + KARI + " @" + at(3)),
                notifications().stream().map(EarnedBadgesTopologyTest::summary).toList());
        assertNull(fixture.earnedBadgesById().get(EarnedBadgeIds.earnedBadgeId(KARI, "bdg-streak", 1)).revokedAt());
    }

    @Test
    void newDefinitionIsEvaluatedForEveryExistingMentorAtTheDefinitionsTime() {
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.send(activity(OLE, BERGEN, "b1", ActivityType.SESSION, "2026-03-21"), at(2));
        fixture.send(activity(TONE, BERGEN, "c1", ActivityType.PHONE_CALL, "2026-03-21"), at(3));
        assertTrue(fixture.earnedBadges.isEmpty());

        fixture.define(FIRST_SESSION, at(10));

        assertEquals(List.of("badge_awarded bdg-first " + KARI + " @" + at(10),
                        "badge_awarded bdg-first " + OLE + " @" + at(10)),
                notifications().stream().map(EarnedBadgesTopologyTest::summary).sorted().toList());
        assertEquals(2, fixture.earnedBadgesById().size());
    }

    @Test
    void aTaskTakesTheDefinitionsBeforeItsFirstRecordSoThatRecordIsEvaluatedAgainstThem() {
        // no wall-clock sync: the first activity itself makes the task take the definitions first
        fixture.badgeDefinitions.pipeInput(FIRST_SESSION.id(), FIRST_SESSION, at(10));
        fixture.send(session("a1", "2026-03-20"), at(1));

        assertEquals(List.of("badge_awarded bdg-first " + KARI + " @" + at(1)),
                notifications().stream().map(EarnedBadgesTopologyTest::summary).toList(),
                "awarded at the activity's time, not at the definition's");
    }

    @Test
    void theLatestVersionWrittenIsTakenEvenWithAnOlderRecordTimestamp() {
        fixture.define(THREE_ACTIVITIES, at(20));
        fixture.define(criteria("bdg-three", null, "One Activity", "activity_count", 1, true), at(5));
        fixture.send(session("a1", "2026-03-20"), at(30));

        assertEquals(List.of("badge_awarded bdg-three " + KARI + " @" + at(30)),
                notifications().stream().map(EarnedBadgesTopologyTest::summary).toList(),
                "the version the topic holds now is in force, whatever its timestamp");
    }

    @Test
    void changedDefinitionRevokesBadgesBelowTheNewMinimumAndRenamesTheHeldOnesWithoutANotification() {
        fixture.define(THREE_ACTIVITIES, at(0));
        for (int i = 1; i <= 4; i++) {
            fixture.send(session("a" + i, "2026-03-2" + i), at(i));
            fixture.send(activity(OLE, BERGEN, "b" + i, ActivityType.GROUP, "2026-03-2" + i), at(i));
        }
        fixture.send(deleted(OLE, "b4"), at(5));
        notifications();
        earned();

        fixture.define(criteria("bdg-three", null, "Four Activities", "activity_count", 4, true), at(20));

        List<TestRecord<String, EarnedBadge>> records = earned();
        EarnedBadge kari = records.stream().map(TestRecord::value).filter(b -> b.peerMentorId().equals(KARI))
                .findFirst().orElseThrow();
        assertEquals("Four Activities", kari.badgeName());
        assertNull(kari.revokedAt());
        EarnedBadge ole = records.stream().map(TestRecord::value).filter(b -> b.peerMentorId().equals(OLE))
                .findFirst().orElseThrow();
        assertEquals(at(20), ole.revokedAt());
        assertEquals("Criteria no longer met — activity_count is 3, below 4", ole.revokeReason());
        assertEquals(List.of("badge_revoked bdg-three " + OLE + " @" + at(20)),
                notifications().stream().map(EarnedBadgesTopologyTest::summary).toList());
    }

    @Test
    void sameDefinitionDeliveredAgainChangesNothing() {
        fixture.define(FIRST_SESSION, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));
        earned();
        notifications();

        fixture.define(FIRST_SESSION, at(30));

        assertTrue(fixture.earnedBadges.isEmpty());
        assertTrue(fixture.badgeNotifications.isEmpty());
    }

    @Test
    void currentStreakCriteriaAreJudgedAsOfTheTriggeringRecordsTime() {
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.send(session("a2", "2026-03-21"), at(2));
        BadgeDefinition onARoll = criteria("bdg-roll", null, "On a Roll", "current_streak_days", 2, false);

        // Defined on 22 March: the streak of 20-21 March is still current (it ended yesterday).
        fixture.define(onARoll, Instant.parse("2026-03-22T18:00:00Z"));
        assertEquals(1, notifications().size());

        // Defined on 26 March for another mentor with the same days: that streak is over by then.
        fixture.send(activity(OLE, OSLO, "b1", ActivityType.SESSION, "2026-03-20"), at(3));
        fixture.send(activity(OLE, OSLO, "b2", ActivityType.SESSION, "2026-03-21"), at(4));
        fixture.define(criteria("bdg-roll-2", null, "On a Roll 2", "current_streak_days", 2, false),
                Instant.parse("2026-03-26T18:00:00Z"));
        assertTrue(fixture.badgeNotifications.isEmpty());
    }

    @Test
    void organisationSpecificDefinitionAppliesOnlyToItsOrganisationsMentors() {
        BadgeDefinition osloOnly = criteria("bdg-oslo", OSLO, "Oslo Star", "session_count", 1, true);
        fixture.define(osloOnly, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.send(activity(OLE, BERGEN, "b1", ActivityType.SESSION, "2026-03-20"), at(2));
        fixture.command(OLE, BadgeCommand.award("cmd-1", "bdg-oslo", "admin-per-001", null, at(3)), at(3));

        assertEquals(List.of("badge_awarded bdg-oslo " + KARI + " @" + at(1)),
                notifications().stream().map(EarnedBadgesTopologyTest::summary).toList());
        CommandOutcome refused = fixture.outcome(OLE, "cmd-1").orElseThrow();
        assertEquals(CommandStatus.NOT_FOUND, refused.status());
        assertEquals("no badge definition 'bdg-oslo'", refused.message(), "as for an unknown definition");
    }

    @Test
    void manualAwardAndRevokeAreAppliedOnceAndTheirConflictsAndUnknownsAreRefused() {
        fixture.define(COMMUNITY_BUILDER, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));

        fixture.command(KARI, BadgeCommand.award("c1", "bdg-community", "admin-per-001", "February retreat", at(2)), at(2));
        fixture.command(KARI, BadgeCommand.award("c1", "bdg-community", "admin-per-001", "February retreat", at(2)), at(3));
        fixture.command(KARI, BadgeCommand.award("c2", "bdg-community", "admin-per-001", null, at(4)), at(4));
        fixture.command(KARI, BadgeCommand.award("c3", "bdg-nope", "admin-per-001", null, at(5)), at(5));
        fixture.command("pm-nobody", BadgeCommand.award("c4", "bdg-community", "admin-per-001", null, at(6)), at(6));
        String id = EarnedBadgeIds.earnedBadgeId(KARI, "bdg-community", 1);
        fixture.command(KARI, BadgeCommand.revoke("c5", id, "Awarded by mistake", at(7)), at(7));
        fixture.command(KARI, BadgeCommand.revoke("c6", id, null, at(8)), at(8));
        fixture.command(KARI, BadgeCommand.revoke("c7", "earned-unknown", null, at(9)), at(9));

        CommandOutcome awarded = fixture.outcome(KARI, "c1").orElseThrow();
        assertEquals(CommandStatus.APPLIED, awarded.status());
        assertEquals(new EarnedBadge(id, "bdg-community", KARI, OSLO, "Community Builder",
                "Recognised for exceptional contribution", "community.svg", at(2), "admin-per-001",
                "February retreat", null, null), awarded.earnedBadge());
        assertEquals(CommandStatus.CONFLICT, fixture.outcome(KARI, "c2").orElseThrow().status());
        assertEquals("peer mentor '" + KARI + "' already holds 'Community Builder' (earned badge " + id + ")",
                fixture.outcome(KARI, "c2").orElseThrow().message());
        assertEquals(new CommandOutcome("c3", KARI, CommandStatus.NOT_FOUND,
                "no badge definition 'bdg-nope'", null, at(5)), fixture.outcome(KARI, "c3").orElseThrow());
        assertEquals("no peer mentor 'pm-nobody' (a mentor is known once it has statistics)",
                fixture.outcome("pm-nobody", "c4").orElseThrow().message());
        CommandOutcome revoked = fixture.outcome(KARI, "c5").orElseThrow();
        assertEquals(CommandStatus.APPLIED, revoked.status());
        assertEquals(at(7), revoked.earnedBadge().revokedAt());
        assertEquals("Awarded by mistake", revoked.earnedBadge().revokeReason());
        assertEquals(CommandStatus.CONFLICT, fixture.outcome(KARI, "c6").orElseThrow().status());
        assertEquals("earned badge '" + id + "' was already revoked at " + at(7),
                fixture.outcome(KARI, "c6").orElseThrow().message());
        assertEquals(CommandStatus.NOT_FOUND, fixture.outcome(KARI, "c7").orElseThrow().status());

        List<BadgeNotification> sent = notifications();
        assertEquals(List.of("badge_awarded bdg-community " + KARI + " @" + at(2),
                        "badge_revoked bdg-community " + KARI + " @" + at(7)),
                sent.stream().map(EarnedBadgesTopologyTest::summary).toList());
        assertEquals("admin-per-001", sent.get(0).awardedBy());
        assertEquals("Awarded by mistake", sent.get(1).revokeReason());
        assertEquals(List.of(id, id), earned().stream().map(TestRecord::key).toList());
    }

    @Test
    void badgeRevokedByHandIsNotAwardedAgainByTheRulesAndOneAwardedByHandIsNotRevokedByThem() {
        fixture.define(THREE_ACTIVITIES, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.send(session("a2", "2026-03-21"), at(2));
        fixture.send(session("a3", "2026-03-22"), at(3));
        String first = EarnedBadgeIds.earnedBadgeId(KARI, "bdg-three", 1);
        fixture.command(KARI, BadgeCommand.revoke("c1", first, "Logged by mistake", at(4)), at(4));
        fixture.send(session("a4", "2026-03-23"), at(5));
        fixture.command(KARI, BadgeCommand.award("c2", "bdg-three", "admin-per-001", null, at(6)), at(6));
        fixture.send(deleted(KARI, "a1"), at(7));
        fixture.send(deleted(KARI, "a2"), at(8));

        assertEquals(List.of("badge_awarded bdg-three " + KARI + " @" + at(3),
                        "badge_revoked bdg-three " + KARI + " @" + at(4),
                        "badge_awarded bdg-three " + KARI + " @" + at(6)),
                notifications().stream().map(EarnedBadgesTopologyTest::summary).toList());
        EarnedBadge second = fixture.earnedBadgesById().get(EarnedBadgeIds.earnedBadgeId(KARI, "bdg-three", 2));
        assertEquals("admin-per-001", second.awardedBy());
        assertNull(second.revokedAt());
    }

    @Test
    void deletedDefinitionAwardsNothingMoreAndEarnedBadgesStay() {
        fixture.define(FIRST_SESSION, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.badgeDefinitions.pipeInput("bdg-first", null, at(2));
        fixture.syncDefinitions();
        fixture.send(activity(OLE, OSLO, "b1", ActivityType.SESSION, "2026-03-20"), at(3));
        fixture.send(deleted(KARI, "a1"), at(4));

        assertEquals(List.of("badge_awarded bdg-first " + KARI + " @" + at(1)),
                notifications().stream().map(EarnedBadgesTopologyTest::summary).toList());
        assertNull(fixture.earnedBadgesById().get(EarnedBadgeIds.earnedBadgeId(KARI, "bdg-first", 1)).revokedAt());
    }

    @Test
    void badDefinitionsGoToTheDeadLetterTopicAndGoodOnesStillApply() {
        String noName = "{\"id\":\"bdg-x\",\"name\":null,\"revocable\":true}";
        String unknownMetric = "{\"id\":\"bdg-y\",\"name\":\"Y\",\"revocable\":true,"
                + "\"criteria\":{\"metric\":\"hugs_given\",\"min\":3}}";
        fixture.rawBadgeDefinitions.pipeInput("bdg-x", noName, at(0));
        fixture.rawBadgeDefinitions.pipeInput("bdg-y", unknownMetric, at(0));
        fixture.syncDefinitions();
        fixture.define(FIRST_SESSION, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));

        List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
        assertEquals(List.of(noName, unknownMetric),
                dead.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
        assertEquals(List.of("processing: missing field name", "processing: unknown criteria.metric 'hugs_given'; one of "
                        + "activity_count|session_count|unique_mentees_count|total_hours_mentored|"
                        + "training_completion_count|longest_streak_days|current_streak_days"),
                fixture.deadLetterReasons);
        assertEquals(List.of("badge_awarded bdg-first " + KARI + " @" + at(1)),
                notifications().stream().map(EarnedBadgesTopologyTest::summary).toList());
    }

    @Test
    void commandWithoutWhatItActsOnGoesToTheDeadLetterTopic() {
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.command(KARI, new BadgeCommand("c1", BadgeCommand.Type.AWARD, null, null, "admin", null, null, at(2)),
                at(2));

        assertEquals(List.of("processing: missing field badge_definition_id"), fixture.deadLetterReasons);
        assertTrue(fixture.outcome(KARI, "c1").isEmpty());
    }

    @Test
    void aDefinitionOrCommandWithAFieldItDoesNotKnowIsRefusedNotReadAsSomethingElse() {
        String windowed = "{\"id\":\"bdg-weekly\",\"name\":\"Weekly\",\"revocable\":true,"
                + "\"criteria\":{\"metric\":\"activity_count\",\"min\":1,\"within_days\":7}}";
        fixture.rawBadgeDefinitions.pipeInput("bdg-weekly", windowed, at(0));
        fixture.syncDefinitions();
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.driver.createInputTopic(fixture.topics.badgeCommands().name(), Serdes.String().serializer(),
                Serdes.String().serializer()).pipeInput(KARI, "{\"command_id\":\"c1\",\"type\":\"award\","
                        + "\"badge_definition_id\":\"bdg-weekly\",\"awarded_by\":\"admin\",\"colour\":\"gold\"}",
                at(2));

        assertEquals(windowed, new String(fixture.deadLetters.readRecord().value(), StandardCharsets.UTF_8));
        assertEquals(2, fixture.deadLetterReasons.size(), fixture.deadLetterReasons::toString);
        assertTrue(fixture.deadLetterReasons.get(0).startsWith("processing: not a valid BadgeDefinition JSON document")
                && fixture.deadLetterReasons.get(0).contains("\"within_days\""), fixture.deadLetterReasons::toString);
        assertTrue(fixture.deadLetterReasons.get(1).startsWith("deserialization: not a valid BadgeCommand JSON document")
                && fixture.deadLetterReasons.get(1).contains("\"colour\""), fixture.deadLetterReasons::toString);
        assertTrue(fixture.earnedBadgesById().isEmpty(), "nothing awarded by a refused definition or command");
        assertTrue(fixture.outcome(KARI, "c1").isEmpty());
    }

    @Test
    void commandOutcomesArePurgedAfterFifteenMinutesOfStreamTime() {
        fixture.define(COMMUNITY_BUILDER, at(0));
        fixture.send(session("a1", "2026-03-20"), at(1));
        fixture.command(KARI, BadgeCommand.award("c1", "bdg-community", "admin", null, at(2)), at(2));
        fixture.send(session("a2", "2026-03-21"), at(2).plusSeconds(14 * 60));
        assertTrue(fixture.outcome(KARI, "c1").isPresent());

        fixture.send(session("a3", "2026-03-22"), at(2).plusSeconds(16 * 60));

        assertTrue(fixture.outcome(KARI, "c1").isEmpty());
        assertEquals(1, fixture.earnedBadgesById().size(), "the earned badge itself stays");
    }

    @Test
    void replayIntoAFreshTopologyGivesIdenticalRecordsAndNotifications() {
        Consumer<TopologyFixture> script = f -> {
            f.define(THREE_ACTIVITIES, at(0));
            f.define(FIRST_SESSION, at(0));
            f.define(COMMUNITY_BUILDER, at(0));
            f.send(session("a1", "2026-03-20"), at(1));
            f.send(activity(OLE, BERGEN, "b1", ActivityType.GROUP, "2026-03-20"), at(2));
            f.send(session("a2", "2026-03-21"), at(3));
            f.send(session("a3", "2026-03-22"), at(4));
            f.command(KARI, BadgeCommand.award("c1", "bdg-community", "admin-per-001", "retreat", at(5)), at(5));
            f.send(deleted(KARI, "a2"), at(6));
            f.define(criteria("bdg-group", BERGEN, "Group", "activity_count", 1, true), at(7));
            f.send(session("a4", "2026-03-23"), at(8));
        };
        script.accept(fixture);
        List<KeyValue<String, EarnedBadge>> records = fixture.earnedBadges.readKeyValuesToList();
        List<KeyValue<String, BadgeNotification>> sent = fixture.badgeNotifications.readKeyValuesToList();

        try (TopologyFixture replay = new TopologyFixture(stateDir.resolve("replay"), ZONES)) {
            script.accept(replay);
            assertEquals(records, replay.earnedBadges.readKeyValuesToList());
            assertEquals(sent, replay.badgeNotifications.readKeyValuesToList());
        }
        // first session, three activities, community builder (by hand), three activities revoked,
        // group (a definition for Bergen, added later) and three activities again
        assertEquals(6, records.size());
        assertEquals(6, sent.size());
        assertEquals(6, sent.stream().map(kv -> kv.value.eventId()).collect(Collectors.toSet()).size(),
                "every notification has its own event id");
    }

    @Test
    void badgeEvaluationRunsInTheMentorsSubTopologyFedOnlyByMentorInputsWithDefinitionsFromAGlobalStore() {
        TopologyDescription description = PeerstatsTopology.build(new TopologySettings(fixture.topics, ZONES)).describe();
        TopologyDescription.Subtopology evaluation = description.subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(n -> n.name().equals(BadgeTopology.EVALUATE_BADGES)))
                .findFirst().orElseThrow();
        TopologyDescription.Processor evaluate = (TopologyDescription.Processor) evaluation.nodes().stream()
                .filter(n -> n.name().equals(BadgeTopology.EVALUATE_BADGES)).findFirst().orElseThrow();
        assertTrue(evaluate.stores().contains(StoreNames.MENTOR_STATS), evaluate.stores().toString());
        Set<String> sourceTopics = evaluation.nodes().stream()
                .filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                .collect(Collectors.toSet());
        assertEquals(Set.of(StoreNames.MENTOR_INPUTS + "-repartition"), sourceTopics);
        assertTrue(description.globalStores().stream().flatMap(g -> g.source().topicSet().stream())
                .anyMatch(fixture.topics.badgeDefinitions().name()::equals), description.globalStores()::toString);
        assertTrue(description.globalStores().stream().flatMap(g -> g.source().topicSet().stream())
                .anyMatch(fixture.topics.earnedBadges().name()::equals), description.globalStores()::toString);
    }
}
